import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { canWriteTotals } from '../src/engine/totals.js';
import { applyTotals, planTotals, type TotalsPlan } from '../src/workbook-actions.js';
import { usePane } from './context.js';
import { NoticeBar, useNotice } from './notice.js';

export function TotalsView() {
  const { port, config, t, language } = usePane();
  const [plan, setPlan] = useState<TotalsPlan | null>(null);
  const { notice, say, fail, clear } = useNotice();

  const preview = async () => {
    clear();
    try {
      const planned = await planTotals(port, config);
      setPlan(planned);
      if (!planned) say('info', t.totalsNone);
    } catch (error) {
      fail(error);
    }
  };

  const apply = async () => {
    if (!plan) return;
    try {
      await applyTotals(port, plan);
      say('success', t.totalsDone(plan.totals.formulas.length));
      setPlan(null);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <section aria-label={t.tabTotals}>
      <Text block>{t.totalsIntro}</Text>
      <Button onClick={preview} style={{ marginTop: 8 }} data-testid="totals-preview">
        {t.totalsPlan}
      </Button>
      {plan && (
        <div data-testid="totals-plan">
          <Text block weight="semibold">
            {`${t.totalsSheet(plan.sheet, config.templates.find((x) => x.id === plan.templateId)?.annex ?? plan.templateId)}: ${t.totalsSummary(plan.totals.formulas.length, plan.totals.differences.length)}`}
          </Text>
          {plan.totals.unmapped && <Text block data-testid="totals-unmapped">{t.totalsUnmapped}</Text>}
          {plan.totals.refused.length > 0 && (
            <div data-testid="totals-refused">
              <Text block>{t.totalsRefused(plan.totals.refused.length)}</Text>
              <ul>
                {plan.totals.refused.map((p) => (
                  <li key={p.cell}>{t.totalsRefusedPart(p.cell, p.text)}</li>
                ))}
              </ul>
            </div>
          )}
          {plan.totals.conversions.length > 0 && (
            <div data-testid="totals-conversions">
              <Text block>{t.totalsConversions(plan.totals.conversions.length)}</Text>
              <ul>
                {plan.totals.conversions.map((c) => (
                  <li key={c.cell}>{t.totalsConversion(c.cell, c.text, c.value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US'))}</li>
                ))}
              </ul>
            </div>
          )}
          {plan.totals.differences.length > 0 && (
            <div data-testid="totals-differences">
              <Text block>{t.totalsDifferHeading(plan.totals.differences.length)}</Text>
              <ul>
                {plan.totals.differences.map((d) => (
                  <li key={d.cell}>{t.totalsTyped(d.cell, String(d.typed ?? '—'), String(d.formula ?? '—'))}</li>
                ))}
              </ul>
            </div>
          )}
          <Button appearance="primary" onClick={apply} disabled={!canWriteTotals(plan.totals)} data-testid="totals-apply">
            {t.totalsApply}
          </Button>{' '}
          <Button onClick={() => setPlan(null)}>{t.cancel}</Button>
        </div>
      )}
      <NoticeBar notice={notice} />
    </section>
  );
}
