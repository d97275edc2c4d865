import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { gnbv, tempDir } from './support/cli.js';
import { sampleBytes } from './support/factories.js';

test('gnbv --version prints the version; each command has its own help', async () => {
  const version = await gnbv('--version');
  assert.deepEqual([version.code, version.stdout], [0, 'gnbv 0.1.0']);
  const validate = await gnbv('validate', '--help');
  const template = await gnbv('template', '--help', '--lang', 'en');
  assert.equal(validate.code, 0);
  assert.match(validate.stdout, /^gnbv validate TỆP_HOẶC_THƯ_MỤC/);
  assert.doesNotMatch(validate.stdout, /gnbv merge/);
  assert.match(template.stdout, /^gnbv template PL01\|PL02\|NV\|ALL/);
  assert.match(template.stdout, /--unit/);
  assert.notEqual(validate.stdout, (await gnbv('merge', '--help')).stdout);
});

test('unknown options and values are refused, listing what is allowed; a mistyped unit gets the near name', async () => {
  const dir = await tempDir();
  const out = path.join(dir, 'x.xlsx');
  const lang = await gnbv('validate', 'a.xlsx', '--lang', 'fr');
  assert.equal(lang.code, 2);
  assert.match(lang.stderr, /--lang "fr" không có\. Chọn một trong: vi, en\./);
  const unit = await gnbv('template', 'PL01', '--unit', 'Xã Cam Ann', '-o', out);
  assert.equal(unit.code, 2);
  assert.match(unit.stderr, /Không có đơn vị "Xã Cam Ann".*Có phải ý bạn là: "Xã Cam An"\?/);
  const english = await gnbv('template', 'PL01', '--unit', 'Cam Hieuu', '-o', out, '--lang', 'en');
  assert.match(english.stderr, /No unit "Cam Hieuu" in the list\. Did you mean: "Xã Cam Hiếu"\?/);
  const unknown = await gnbv('validate', '--frobnicate', 'a.xlsx');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--frobnicate\. Các tùy chọn: --json, --lang vi\|en/);
  const stray = await gnbv('template', 'PL01', '--json', '-o', out);
  assert.equal(stray.code, 2);
  assert.match(stray.stderr, /không dùng được với "gnbv template": --json/);
  assert.equal((await gnbv('template', 'PL01', '--unit', 'Xã Cam An', '-o', out)).code, 0, 'a right name passes');
  assert.equal((await gnbv('template', 'PL01', '--unit', 'Xa Cam Hieu', '-o', out, '--force')).code, 0, 'as do names the files use');
});

test('a folder argument reads its .xlsx files; a near-miss file name is suggested', async () => {
  const dir = await tempDir();
  const folder = path.join(dir, 'bao-cao');
  await mkdir(folder);
  await writeFile(path.join(folder, 'Xã Cam An.xlsx'), await sampleBytes('19603'));
  await writeFile(path.join(folder, 'Xã Cam Thanh.xlsx'), await sampleBytes('19609'));
  await writeFile(path.join(folder, '~$Xã Cam An.xlsx'), 'lock');
  await writeFile(path.join(folder, 'ghi chú.txt'), 'x');
  const run = await gnbv('validate', folder, '--json');
  const files = (JSON.parse(run.stdout) as { files: Array<{ file: string }> }).files.map((f) => path.basename(f.file));
  assert.deepEqual(files, ['Xã Cam An.xlsx', 'Xã Cam Thanh.xlsx']);
  const missing = await gnbv('validate', path.join(folder, 'Xa Cam An.xlsx'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Có phải ý bạn là: ".*Xã Cam An\.xlsx"\?/);
});
