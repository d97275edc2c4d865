import { Button, Radio, RadioGroup, Select, Text, makeStyles } from '@fluentui/react-components';
import type { AssignConflict } from '../src/engine/assign-conflict.js';
import type { DuplicateClaim, HeldFile } from '../src/engine/merge.js';
import { reportersOf, type UnitList } from '../src/engine/units.js';
import { duplicateQuestions, shaPrefix } from '../src/merge-session.js';
import { usePane } from './context.js';

const useStyles = makeStyles({
  box: { border: '1px solid #f2c14e', background: '#fff8e6', padding: '6px 8px', margin: '6px 0', borderRadius: '4px' },
});

/**
 * Files whose sender is not certain: the user names the unit in a list of every unit (the
 * candidates first). Until then the file is held back and nothing can be written.
 */
export function HeldFiles({ held, units, assign, onAssign }: { held: HeldFile[]; units: UnitList; assign: ReadonlyMap<string, string>; onAssign: (file: string, code: string) => void }) {
  const { t } = usePane();
  const styles = useStyles();
  return (
    <>
      {held.map((file) => {
        const others = reportersOf(units).filter((u) => !file.candidates.includes(u));
        return (
          <div key={file.file} className={styles.box} data-testid="held-file" data-file={file.file}>
            <Text block weight="semibold">{t.heldTitle(file.file, file.sheets.join(', '))}</Text>
            <Text block>{t.heldReason[file.reason]}</Text>
            <Select aria-label={t.chooseUnit(file.file)} value={assign.get(file.file) ?? ''} onChange={(_, data) => onAssign(file.file, data.value)} data-testid="assign-unit">
              <option value="">{t.chooseUnitPlaceholder}</option>
              {[...file.candidates, ...others].map((u) => (
                <option key={u.code} value={u.code}>{`${u.name} (${u.code})`}</option>
              ))}
            </Select>
          </div>
        );
      })}
    </>
  );
}

/** Two or more files for one unit: shown side by side (whole-file error counts), the user picks one. */
export function DuplicateChoices({ duplicates, onPrefer }: { duplicates: DuplicateClaim[]; onPrefer: (file: string, others: string[]) => void }) {
  const { t, language } = usePane();
  const styles = useStyles();
  const time = (iso?: string) => (iso ? new Date(iso).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US') : '—');
  return (
    <>
      {duplicateQuestions(duplicates).map((question) => {
        const title = t.duplicateTitle(question.unit.name, question.templates.join(', '));
        return (
          <div key={`${question.unit.code}|${question.sources.map((s) => s.file).join('|')}`} className={styles.box} data-testid="duplicate">
            <Text block weight="semibold">{title}</Text>
            <RadioGroup aria-label={title} onChange={(_, data) => onPrefer(data.value, question.sources.map((s) => s.file).filter((f) => f !== data.value))}>
              {question.sources.map((source) => (
                <Radio
                  key={source.file}
                  value={source.file}
                  data-testid="duplicate-claim"
                  label={t.claim(source.file, source.size, time(source.modifiedAt), shaPrefix(source.sha256), source.report.stats.errors, source.report.stats.warnings)}
                />
              ))}
            </RadioGroup>
          </div>
        );
      })}
    </>
  );
}

/**
 * Sheets that name another unit than the one the user chose for their file: held back (nothing
 * can be written) until the file is fixed or the choice dropped, which the button does.
 */
export function AssignConflicts({ conflicts, onDrop }: { conflicts: AssignConflict[]; onDrop: (file: string) => void }) {
  const { t, language } = usePane();
  const styles = useStyles();
  return (
    <>
      {conflicts.map((conflict) => (
        <div key={`${conflict.file}|${conflict.sheet}`} className={styles.box} data-testid="assign-conflict" data-file={conflict.file}>
          <Text block>{conflict.message[language]}</Text>
          <Button onClick={() => onDrop(conflict.file)} data-testid="drop-assign">
            {t.dropAssign(conflict.file)}
          </Button>
        </div>
      ))}
    </>
  );
}
