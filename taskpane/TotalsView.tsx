import { Button, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { applyTotals, planTotals, type TotalsPlan } from '../src/workbook-actions.js';
import { describeError, usePane } from './context.js';

export function TotalsView() {
  const pane = usePane();
  const { port, config, t } = pane;
  const [plan, setPlan] = useState<TotalsPlan | null>(null);
  const [message, setMessage] = useState<{ intent: 'error' | 'success' | 'info'; text: string } | null>(null);

  const preview = async () => {
    setMessage(null);
    try {
      const planned = await planTotals(port, config);
      setPlan(planned);
      if (!planned) setMessage({ intent: 'info', text: t.totalsNone });
    } catch (error) {
      setMessage({ intent: 'error', text: describeError(error, pane) });
    }
  };

  const apply = async () => {
    if (!plan) return;
    try {
      await applyTotals(port, plan);
      setMessage({ intent: 'success', text: t.totalsDone(plan.totals.formulas.length) });
      setPlan(null);
    } catch (error) {
      setMessage({ intent: 'error', text: describeError(error, pane) });
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
            {`${plan.sheet} (${plan.templateId}): ${t.totalsSummary(plan.totals.formulas.length, plan.totals.differences.length)}`}
          </Text>
          <ul>
            {plan.totals.differences.map((d) => (
              <li key={d.cell}>{t.totalsTyped(d.cell, String(d.typed ?? '—'), String(d.formula ?? '—'))}</li>
            ))}
          </ul>
          <Button appearance="primary" onClick={apply} data-testid="totals-apply">
            {t.totalsApply}
          </Button>{' '}
          <Button onClick={() => setPlan(null)}>{t.cancel}</Button>
        </div>
      )}
      {message && (
        <MessageBar intent={message.intent}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
