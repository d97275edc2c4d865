import { LocalizedError } from './localized-error.js';
import nv from '../../templates/definitions/nv.json' with { type: 'json' };
import pl01 from '../../templates/definitions/pl01.json' with { type: 'json' };
import pl02 from '../../templates/definitions/pl02.json' with { type: 'json' };
import camLo from '../../templates/units/cam-lo.json' with { type: 'json' };
import { parseTemplate, type TemplateDef } from './template.js';
import { unitListSchema, type UnitList } from './units.js';

/** The annexes shipped with GNBV, checked against the schema when first used. */
let cached: TemplateDef[] | undefined;
export function builtinTemplates(): TemplateDef[] {
  cached ??= [
    parseTemplate(pl01, 'templates/definitions/pl01.json'),
    parseTemplate(pl02, 'templates/definitions/pl02.json'),
    parseTemplate(nv, 'templates/definitions/nv.json'),
  ];
  return cached;
}

export function builtinTemplate(id: string): TemplateDef {
  const found = builtinTemplates().find((t) => t.id.toLowerCase() === id.toLowerCase());
  if (!found) throw new Error(`Không có mẫu biểu "${id}" / no template "${id}" (PL01, PL02, NV)`);
  return found;
}

const UNIT_LISTS = new Map<string, unknown>([['cam-lo', camLo]]);

export function builtinUnitList(id = 'cam-lo'): UnitList {
  const data = UNIT_LISTS.get(id);
  if (!data) {
    const known = [...UNIT_LISTS.keys()].join(', ');
    throw new LocalizedError(`Không có danh sách đơn vị "${id}" (có: ${known}). Dùng --units TỆP.json cho huyện khác.`, `No unit list "${id}" (known: ${known}). Use --units FILE.json for another district.`);
  }
  return unitListSchema.parse(data);
}
