// Who sent a file, and the unit list it is decided from, at the edges the mutation run showed
// untested. The list is a small one written here, so every expected answer can be read off it
// by hand: a name with its kind word is the unit, a fragment only offers candidates, text
// without diacritics is taken only when it leaves one unit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messageOf } from '../src/engine/localized-error.js';
import { findReporter, identifyUnit, isDepartment, matchOf, parseUnitList, reporterOf, reportersOf, UnitListError, type UnitList } from '../src/engine/units.js';

const raw = {
  id: 'song-lam',
  district: 'Huyện Sông Lam',
  units: [
    { code: '01', name: 'Xã Cam Thanh', shortName: 'Cam Thanh' },
    { code: '02', name: 'Xã Cam Thành', shortName: 'Cam Thành' },
    { code: '03', name: 'Thị trấn Sông Lam', shortName: 'TT Sông Lam' },
    { code: '04', name: 'Xã Cam Thủy', shortName: 'Cam Thủy', aliases: ['UBND xã Cam Thủy cũ'] },
    { code: '05', name: 'Xã Đông Hà', shortName: 'Đông Hà' },
  ],
  departments: [{ code: 'P-YT', name: 'Phòng Y tế', shortName: 'Y tế', aliases: ['Bảo hiểm xã hội'], leads: { PL01: ['y_te'] } }],
};
const list: UnitList = parseUnitList(raw, 'song-lam.json');

/** What a text names, as one short string: a code, "district", "unknown" or "reason:codes". */
function named(text: string, options?: { fragments?: boolean }, units: UnitList = list): string {
  const match = identifyUnit(text, units, options);
  if (match.kind === 'ambiguous') return `${match.reason}:${match.candidates.map((c) => c.code).join(',')}`;
  return reporterOf(match)?.code ?? match.kind;
}

test('a unit list gets its defaults: no departments, a 5 % department tolerance', () => {
  const bare = parseUnitList({ id: 'x', district: 'Huyện X', units: [raw.units[0]] }, 'x.json');
  assert.deepEqual(bare.departments, []);
  assert.equal(bare.departmentTolerance, 0.05);
  assert.equal(list.departmentTolerance, 0.05);
  assert.equal(parseUnitList({ ...raw, departmentTolerance: 0 }, 'a').departmentTolerance, 0);
  assert.equal(parseUnitList({ ...raw, departmentTolerance: 1 }, 'a').departmentTolerance, 1);
});

/** The problems a unit list is refused with, or [] when it is accepted. */
function problems(data: unknown): string[] {
  try {
    parseUnitList(data, 'ds.json');
    return [];
  } catch (error) {
    assert.ok(error instanceof UnitListError);
    assert.equal(error.source, 'ds.json');
    return error.problems;
  }
}
const paths = (data: unknown) => problems(data).map((p) => p.split(':')[0]);

test('a unit list is refused at the field that is wrong', () => {
  const unit = raw.units[0]!;
  assert.deepEqual(paths({ ...raw, id: 'Song Lam' }), ['id']);
  assert.deepEqual(paths({ ...raw, district: '' }), ['district']);
  assert.deepEqual(paths({ ...raw, units: [] }), ['units']);
  assert.deepEqual(paths({ ...raw, units: [{ ...unit, code: '' }] }), ['units.0.code']);
  assert.deepEqual(paths({ ...raw, units: [{ ...unit, name: '' }] }), ['units.0.name']);
  assert.deepEqual(paths({ ...raw, units: [{ ...unit, shortName: '' }] }), ['units.0.shortName']);
  assert.deepEqual(paths({ ...raw, units: [{ ...unit, shortName: 'x'.repeat(22) }] }), []);
  assert.deepEqual(paths({ ...raw, units: [{ ...unit, shortName: 'x'.repeat(23) }] }), ['units.0.shortName']);
  assert.deepEqual(paths({ ...raw, units: [{ ...unit, aliases: [''] }] }), ['units.0.aliases.0']);
  assert.deepEqual(paths({ ...raw, departmentTolerance: 1.01 }), ['departmentTolerance']);
  assert.deepEqual(paths({ ...raw, departmentTolerance: -0.01 }), ['departmentTolerance']);
  const department = raw.departments[0]!;
  assert.deepEqual(paths({ ...raw, departments: [{ ...department, leads: { pl01: ['y_te'] } }] }), ['departments.0.leads.pl01']);
  assert.deepEqual(paths({ ...raw, departments: [{ ...department, leads: { 'PL-01': ['y_te'] } }] }), ['departments.0.leads.PL-01']);
  assert.deepEqual(paths({ ...raw, departments: [{ ...department, leads: { PL01: [] } }] }), ['departments.0.leads.PL01']);
  for (const key of ['Y_te', '1y', 'y-te', 'y_te ', ' y_te'])
    assert.deepEqual(paths({ ...raw, departments: [{ ...department, leads: { PL01: [key] } }] }), ['departments.0.leads.PL01.0'], key);
  assert.deepEqual(paths({ ...raw, id: 'song-lam ' }), ['id'], 'the id pattern holds for the whole id');
  assert.deepEqual(paths({ ...raw, id: ' song-lam' }), ['id']);
  assert.deepEqual(paths(null), ['(gốc)'], 'a list that is not even an object is refused at its root');
});

test('a code used twice, by two communes or a commune and a department, is refused naming the code', () => {
  assert.deepEqual(problems({ ...raw, units: [...raw.units, { ...raw.units[1]!, code: '01' }] }), ['units: mã đơn vị trùng: 01']);
  assert.deepEqual(problems({ ...raw, departments: [{ ...raw.departments[0]!, code: '03' }] }), ['units: mã đơn vị trùng: 03']);
  const error = (() => {
    try {
      parseUnitList({ ...raw, id: 'X' }, 'ds.json');
    } catch (e) {
      return e;
    }
  })();
  assert.match(messageOf(error, 'vi')!, /^Danh sách đơn vị ds\.json không hợp lệ:\n {2}- id: /);
  assert.match(messageOf(error, 'en')!, /^The unit list ds\.json is invalid:\n {2}- id: /);
});

test('whole names with their kind word, however they are typed', () => {
  assert.equal(named('Xã Cam Thủy'), '04');
  assert.equal(named('Xã Cam Thuỷ'), '04', 'old tone placement');
  assert.equal(named('UBND xã Cam Thủy'), '04');
  assert.equal(named('Ủy ban nhân dân xã Cam Thủy'), '04');
  assert.equal(named('XÃ CAM THỦY'), '04');
  assert.equal(named('Xa_Cam_Thuy.xlsx'), '04', 'file name: underscores are spaces, the extension dropped');
  assert.equal(named('xã cam thủy.XLS'), '04');
  assert.equal(named('Xã Đông Hà'), '05');
  assert.equal(named('xa dong ha'), '05', 'đ typed as d');
  assert.equal(named('UBND xã Cam Thủy cũ'), '04', 'an alias');
  assert.equal(named('Thị trấn Sông Lam'), '03');
  assert.equal(named('TT Sông Lam'), '03', 'the town by its usual abbreviation');
  assert.equal(named('tt song lam'), '03');
});

test('words typed with marks count as typed; only words without any mark may stand for marked ones', () => {
  assert.equal(named('Xã Cam Thanh'), '01');
  assert.equal(named('Xã Cam Thành'), '02');
  assert.equal(named('xa cam thanh'), 'several:01,02', 'without marks both fit: never guessed');
  assert.equal(named('xa Cam Thành'), '02', '"thành" with its mark is not "thanh"');
  assert.equal(named('Xã cam thanh'), '01', 'every word fits Cam Thanh exactly');
  assert.equal(named('Xã Cam Thánh'), 'unknown', 'a wrong mark fits neither name, not even as a fragment');
});

test('the district, the town of the same name and a department are three senders', () => {
  assert.equal(named('Huyện Sông Lam'), 'district');
  assert.equal(named('huyen song lam'), 'district');
  assert.equal(named('Phòng Y tế'), 'P-YT');
  assert.equal(named('Phòng Y tế huyện Sông Lam'), 'P-YT');
  assert.equal(named('Bảo hiểm xã hội huyện Sông Lam'), 'P-YT', 'a department alias');
  assert.equal(named('Xã Cam Thủy và Thị trấn Sông Lam'), 'several:03,04');
  // A district written without its kind word in the list still matches "huyện …".
  const bare = parseUnitList({ ...raw, district: 'Sông Lam' }, 'b.json');
  assert.equal(named('huyện Sông Lam', undefined, bare), 'district');
  assert.equal(named('UBND huyện Sông Lam', undefined, bare), 'district');
});

test('a fragment offers candidates, or nothing when fragments are not wanted', () => {
  assert.equal(named('Cam Thủy'), 'fragment:04');
  assert.equal(named('Cam Thủy', { fragments: false }), 'unknown', 'asked after the answer with fragments: not the remembered one');
  assert.equal(named('Cam Thủy', { fragments: true }), 'fragment:04');
  assert.equal(named('bao cao cam thanh 2018.xlsx'), 'fragment:01,02');
  assert.equal(named('Sông Lam'), 'fragment:03');
  assert.equal(named('y te.xlsx'), 'fragment:P-YT');
  assert.equal(named('cam thuy cu'), 'fragment:04', 'the core of an alias after UBND and its kind word');
  assert.equal(named('Thủy'), 'unknown', 'one word of a two-word name is not a fragment of it');
  assert.equal(named('Xã'), 'unknown');
  assert.equal(named(''), 'unknown');
  assert.equal(named(' - .xlsx'), 'unknown');
});

test('reporters: communes first, then departments; found by code whatever the case and spacing', () => {
  assert.deepEqual(reportersOf(list).map((r) => r.code), ['01', '02', '03', '04', '05', 'P-YT']);
  assert.equal(findReporter(list, ' p-yt ')?.code, 'P-YT');
  assert.equal(findReporter(list, '03')?.name, 'Thị trấn Sông Lam');
  assert.equal(findReporter(list, '3'), undefined);
  const department = list.departments[0]!;
  const commune = list.units[0]!;
  assert.equal(isDepartment(department), true);
  assert.equal(isDepartment(commune), false);
  assert.deepEqual(matchOf(department), { kind: 'department', department });
  assert.deepEqual(matchOf(commune), { kind: 'unit', unit: commune });
  assert.equal(reporterOf({ kind: 'district' }), undefined);
  assert.equal(reporterOf({ kind: 'ambiguous', candidates: [commune], reason: 'fragment' }), undefined);
});

test('each kind word opens a whole name: what follows it alone is only a fragment', () => {
  const kinds = parseUnitList(
    {
      id: 'loai',
      district: 'UBND huyện Sông Lam',
      units: [
        { code: 'P1', name: 'Phường Theta', shortName: 'Theta' },
        { code: 'T1', name: 'TT Iota', shortName: 'Iota' },
        // "Thị trấn" after "UBND": no "TT" alias is made for it, so only the kind word leaves "Mu".
        { code: 'T2', name: 'UBND thị trấn Mu', shortName: 'Mu' },
      ],
      departments: [
        ['NH', 'Ngân hàng Alpha'],
        ['GD', 'Phòng giao dịch Beta'],
        ['PG', 'PGD Gamma'],
        ['UB1', 'Ủy ban Delta'],
        ['UB2', 'UB Epsilon'],
        ['BH', 'Bảo hiểm Zeta'],
        ['PH', 'Phòng Eta'],
        ['AD', 'Ủy ban nhân dân Phòng Kappa'],
      ].map(([code, name]) => ({ code: code!, name: name!, shortName: code!, leads: { PL01: ['y_te'] } })),
    },
    'loai.json',
  );
  const fragmentOf = (text: string) => named(text, undefined, kinds);
  for (const [text, code] of [
    ['Theta', 'P1'],
    ['Iota', 'T1'],
    ['Mu', 'T2'],
    ['Alpha', 'NH'],
    ['Beta', 'GD'],
    ['Gamma', 'PG'],
    ['Delta', 'UB1'],
    ['Epsilon', 'UB2'],
    ['Zeta', 'BH'],
    ['Eta', 'PH'],
    ['Kappa', 'AD'],
  ])
    assert.equal(fragmentOf(`bao cao ${text}.xlsx`), `fragment:${code}`, text);
  // The district written with "UBND huyện" in the list: "huyện Sông Lam" alone is the district.
  assert.equal(fragmentOf('Huyện Sông Lam'), 'district');
  assert.equal(fragmentOf('UBND huyện Sông Lam'), 'district');
  const council = parseUnitList({ ...raw, district: 'Ủy ban nhân dân huyện Sông Lam' }, 'c.json');
  assert.equal(named('huyện Sông Lam', undefined, council), 'district');
});

test('every tone mark may sit on either vowel of "oa"/"uy" (old and new placement), but tones differ', () => {
  const tones = parseUnitList(
    {
      id: 'dau',
      district: 'Huyện Sông Lam',
      units: [
        ['H1', 'Xã Hòa An'],
        ['H2', 'Xã Hóa An'],
        ['H3', 'Xã Hõa An'],
        ['H4', 'Xã Họa An'],
        ['H5', 'Xã Thủy An'],
      ].map(([code, name]) => ({ code: code!, name: name!, shortName: code! })),
    },
    'dau.json',
  );
  const of = (text: string) => named(text, undefined, tones);
  assert.deepEqual(['Xã Hoà An', 'Xã Hoá An', 'Xã Hoã An', 'Xã Hoạ An', 'Xã Thuỷ An'].map(of), ['H1', 'H2', 'H3', 'H4', 'H5']);
  assert.deepEqual(['Xã Hòa An', 'Xã Hóa An', 'Xã Hõa An', 'Xã Họa An', 'Xã Thủy An'].map(of), ['H1', 'H2', 'H3', 'H4', 'H5']);
  assert.equal(of('xa hoa an'), 'several:H1,H2,H3,H4');
  assert.equal(of('Xã Hoa An'), 'several:H1,H2,H3,H4', 'a word without marks fits each, even beside a marked word');
});

test('codes are found whatever their Unicode form', () => {
  const coded = parseUnitList({ ...raw, departments: [{ ...raw.departments[0]!, code: 'P-GDĐT' }] }, 'c.json');
  assert.equal(findReporter(coded, 'p-gdđt'.normalize('NFD'))?.code, 'P-GDĐT');
});

test('"TT" stands for "Thị trấn" only: not for "Thị xã", nor before any other name', () => {
  const towns = parseUnitList({ ...raw, units: [...raw.units, { code: '06', name: 'Thị xã Lambda', shortName: 'Lambda' }] }, 't.json');
  assert.equal(named('TT Sông Lam', undefined, towns), '03');
  assert.equal(named('TT Lambda', undefined, towns), 'unknown');
  assert.equal(named('Thị xã Lambda', undefined, towns), '06');
  assert.equal(named('TT Thủy', undefined, towns), 'unknown');
  // "Trấn" as a name's own word (Trấn Yên) does not make it a town.
  const tranYen = parseUnitList({ ...raw, units: [...raw.units, { code: '07', name: 'Xã Trấn Yên', shortName: 'Trấn Yên' }] }, 'y.json');
  assert.equal(named('TT Yên', undefined, tranYen), 'unknown');
  assert.equal(named('Xã Trấn Yên', undefined, tranYen), '07');
});

test('a kind word opens a name only when a word follows it: names made of kind words alone', () => {
  const bare = parseUnitList(
    {
      ...raw,
      departments: [
        // "Phòng giao dịch" is itself a kind word; read as "Phòng" + "Giao dịch", its core is "Giao dịch".
        { code: 'PGD', name: 'Phòng Giao dịch', shortName: 'PGD', leads: { PL01: ['tin_dung'] } },
        // "Ủy ban" is the start of "Ủy ban nhân dân" and a kind word itself: nothing follows, no core.
        { code: 'UB', name: 'Ủy ban', shortName: 'UB', leads: { PL01: ['y_te'] } },
      ],
    },
    'k.json',
  );
  assert.equal(named('Phòng Giao dịch', undefined, bare), 'PGD');
  assert.equal(named('Ủy ban', undefined, bare), 'UB');
  assert.equal(named('bao cao giao dich.xlsx', undefined, bare), 'fragment:PGD');
  assert.equal(named('Ban', undefined, bare), 'unknown');
});
