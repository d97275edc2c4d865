import { Button, Dropdown, Field, Option, Radio, RadioGroup } from '@fluentui/react-components';
import { useState } from 'react';
import { insertTemplates } from '../src/workbook-actions.js';
import { usePane } from './context.js';
import { NoticeBar, useNotice } from './notice.js';

export function TemplatesView() {
  const { port, config, t } = usePane();
  const [choice, setChoice] = useState('ALL');
  const [unit, setUnit] = useState(config.units.units[0]?.name ?? '');
  const { notice, say, fail, clear } = useNotice();

  const insert = async () => {
    clear();
    try {
      const ids = choice === 'ALL' ? config.templates.map((x) => x.id) : [choice];
      const names = await insertTemplates(port, config, ids, unit);
      say('success', t.inserted(names.join(', ')));
    } catch (error) {
      fail(error);
    }
  };

  return (
    <section aria-label={t.tabTemplates}>
      <Field label={t.templateChoose}>
        <RadioGroup value={choice} onChange={(_, data) => setChoice(data.value)}>
          {config.templates.map((template) => (
            <Radio key={template.id} value={template.id} label={`${template.annex} (${template.sheetName})`} />
          ))}
          <Radio value="ALL" label={t.templateAll} />
        </RadioGroup>
      </Field>
      <Field label={t.unit}>
        <Dropdown value={unit} selectedOptions={[unit]} onOptionSelect={(_, data) => setUnit(data.optionValue ?? unit)}>
          {[...config.units.units.map((u) => u.name), config.units.district].map((name) => (
            <Option key={name} value={name}>
              {name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Button appearance="primary" onClick={insert} style={{ marginTop: 12 }} data-testid="insert-template">
        {t.insertTemplate}
      </Button>
      <NoticeBar notice={notice} />
    </section>
  );
}
