// npm start: the main job on a machine without Excel — write the sample workbooks of Cam Lộ,
// validate them and merge them into a district workbook, with the command line the
// officials' add-in shares its engine with.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const gnbv = (...args) => spawnSync(process.execPath, ['bin/gnbv.js', ...args], { stdio: 'inherit' }).status;
rmSync('out/sample', { recursive: true, force: true });
gnbv('sample', '-o', 'out/sample');
const files = (await import('node:fs')).readdirSync('out/sample').filter((f) => f.endsWith('.xlsx')).map((f) => `out/sample/${f}`);
gnbv('validate', ...files);
// Two sample units carry planted errors: merge refuses them (exit 1, nothing written) unless told.
gnbv('merge', ...files, '-o', 'out/Tong hop huyen Cam Lo.xlsx', '--force');
gnbv('merge', ...files, '-o', 'out/Tong hop huyen Cam Lo.xlsx', '--force', '--allow-errors');
console.log('\nMở out/Tong hop huyen Cam Lo.xlsx trong Excel hoặc LibreOffice để xem sổ tổng hợp.');
