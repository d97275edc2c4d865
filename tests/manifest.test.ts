import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { languageFor } from '../taskpane/i18n.js';

/** The English locales the manifest lists, en-US first (Office matches an Override's locale exactly). */
const ENGLISH_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-CA', 'en-IN', 'en-NZ', 'en-SG', 'en-IE'];

/**
 * The add-in only manifest, checked offline: `office-addin-manifest validate` calls an online
 * service, so it stays a release step on a networked machine.
 */
const root = new URL('../', import.meta.url);
const HOST = 'https://localhost:3000';
const DIST = new URL('dist/addin/', root);
const xml = readFileSync(new URL('manifest.xml', root), 'utf8');

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

/** fast-xml-parser's ordered output, as a plain tree (element order matters to the XSD). */
function parseManifest(source: string): XmlNode {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, parseAttributeValue: false, parseTagValue: false, trimValues: true });
  const toNode = (raw: Record<string, unknown>): XmlNode | null => {
    const name = Object.keys(raw).find((key) => key !== ':@');
    if (!name || name === '#text' || name.startsWith('?')) return null;
    const content = (raw[name] as Array<Record<string, unknown>>) ?? [];
    return {
      name,
      attrs: (raw[':@'] as Record<string, string> | undefined) ?? {},
      text: content.map((child) => (typeof child['#text'] === 'string' ? child['#text'] : '')).join(''),
      children: content.map(toNode).filter((node): node is XmlNode => node !== null),
    };
  };
  const top = (parser.parse(source) as Array<Record<string, unknown>>).map(toNode).filter((node): node is XmlNode => node !== null);
  assert.equal(top.length, 1, 'one root element');
  return top[0]!;
}

function* walk(node: XmlNode, parents: XmlNode[] = []): Generator<{ node: XmlNode; parents: XmlNode[] }> {
  yield { node, parents };
  for (const child of node.children) yield* walk(child, [...parents, node]);
}

function child(node: XmlNode, name: string): XmlNode {
  const found = node.children.find((c) => c.name === name);
  assert.ok(found, `<${node.name}> has no <${name}>`);
  return found;
}

function path(node: XmlNode, ...names: string[]): XmlNode {
  return names.reduce(child, node);
}

function all(node: XmlNode, predicate: (n: XmlNode, parents: XmlNode[]) => boolean): XmlNode[] {
  return [...walk(node)].filter(({ node: n, parents }) => predicate(n, parents)).map(({ node: n }) => n);
}

/** Children names must follow the XSD sequence (optional elements may be missing). */
function assertOrder(node: XmlNode, sequence: readonly string[]): void {
  const names = node.children.map((c) => c.name);
  const unknown = names.filter((name) => !sequence.includes(name));
  assert.deepEqual(unknown, [], `<${node.name}> has children the schema does not allow there`);
  const positions = names.map((name) => sequence.indexOf(name));
  assert.deepEqual(positions, [...positions].sort((a, b) => a - b), `<${node.name}> children out of schema order: ${names.join(', ')}`);
}

const manifest = parseManifest(xml);
const overrides = child(manifest, 'VersionOverrides');
const resources = child(overrides, 'Resources');
const host = path(overrides, 'Hosts', 'Host');
const RESOURCE_KINDS = ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings'] as const;
type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Every resource defined in <Resources>, with the list it is defined in. */
const definitions = RESOURCE_KINDS.flatMap((kind) =>
  (resources.children.find((c) => c.name === kind)?.children ?? []).map((node) => ({ kind, id: node.attrs.id ?? '', node })),
);
const resource = (id: string) => {
  const found = definitions.find((d) => d.id === id);
  assert.ok(found, `resid "${id}" is not defined`);
  return found;
};
const stringValue = (id: string) => resource(id).node.attrs.DefaultValue ?? '';

describe('manifest.xml', () => {
  test('is well-formed XML', () => {
    assert.equal(XMLValidator.validate(xml), true);
  });

  test('is a task pane add-in for Excel with a GUID, version 1.0.0.0, Vietnamese by default and English for en-US', () => {
    assert.equal(manifest.name, 'OfficeApp');
    assert.equal(manifest.attrs['xsi:type'], 'TaskPaneApp');
    assert.match(child(manifest, 'Id').text, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    assert.equal(child(manifest, 'Version').text, '1.0.0.0');
    assert.ok(child(manifest, 'ProviderName').text.length > 0);
    assert.equal(child(manifest, 'DefaultLocale').text, 'vi-VN');
    assert.deepEqual(child(manifest, 'Hosts').children.map((h) => h.attrs.Name), ['Workbook']);
    assert.equal(child(manifest, 'Permissions').text, 'ReadWriteDocument');
    for (const name of ['DisplayName', 'Description']) {
      const element = child(manifest, name);
      assert.match(element.attrs.DefaultValue ?? '', /giảm nghèo/);
      const english = element.children.find((o) => o.name === 'Override' && o.attrs.Locale === 'en-US');
      assert.match(english?.attrs.Value ?? '', /[Pp]overty/);
    }
    assert.equal(path(manifest, 'DefaultSettings', 'SourceLocation').attrs.DefaultValue, `${HOST}/taskpane.html`);
  });

  test('elements are in the order the XSD sequences require', () => {
    assertOrder(manifest, ['Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides']);
    assertOrder(overrides, ['Description', 'Requirements', 'Hosts', 'Resources', 'WebApplicationInfo', 'EquivalentAddins', 'VersionOverrides']);
    assertOrder(host, ['Runtimes', 'AllFormFactors', 'DesktopFormFactor']);
    assertOrder(child(host, 'DesktopFormFactor'), ['GetStarted', 'FunctionFile', 'ExtensionPoint']);
    assertOrder(path(host, 'DesktopFormFactor', 'GetStarted'), ['Title', 'Description', 'LearnMoreUrl']);
    assertOrder(path(host, 'AllFormFactors', 'ExtensionPoint'), ['Script', 'Page', 'Metadata', 'Namespace']);
    assertOrder(resources, RESOURCE_KINDS);
    for (const tab of all(host, (n) => n.name === 'CustomTab')) assertOrder(tab, ['Group', 'Label']);
    for (const group of all(host, (n) => n.name === 'Group')) assertOrder(group, ['Label', 'Icon', 'Control']);
    for (const control of all(host, (n) => n.name === 'Control')) assertOrder(control, ['Label', 'Supertip', 'Icon', 'Action']);
    for (const tip of all(host, (n) => n.name === 'Supertip')) assertOrder(tip, ['Title', 'Description']);
    for (const action of all(host, (n) => n.name === 'Action')) assertOrder(action, action.attrs['xsi:type'] === 'ShowTaskpane' ? ['TaskpaneId', 'SourceLocation', 'Title'] : ['FunctionName']);
  });

  test('resource ids are unique and at most 32 characters', () => {
    const ids = definitions.map((d) => d.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'duplicate resource ids');
    for (const id of ids) {
      assert.ok(id.length > 0, 'a resource without id');
      assert.ok(id.length <= 32, `resource id "${id}" is longer than 32 characters`);
    }
  });

  test('every resid used is defined exactly once, in the list its element needs, and every resource is used', () => {
    const used = all(manifest, (n) => n.attrs.resid !== undefined && !n.name.startsWith('bt:String'));
    assert.ok(used.length > 20);
    const expectedKind = (element: XmlNode, parents: XmlNode[]): ResourceKind => {
      const parent = parents[parents.length - 1]!;
      if (element.name === 'bt:Image') return 'bt:Images';
      if (['SourceLocation', 'FunctionFile', 'Runtime', 'LearnMoreUrl'].includes(element.name)) return 'bt:Urls';
      if (element.name === 'Description' && (parent.name === 'Supertip' || parent.name === 'GetStarted')) return 'bt:LongStrings';
      return 'bt:ShortStrings'; // Label, Title, Namespace
    };
    for (const { node, parents } of walk(manifest)) {
      const id = node.attrs.resid;
      if (id === undefined) continue;
      const matches = definitions.filter((d) => d.id === id);
      assert.equal(matches.length, 1, `resid "${id}" on <${node.name}> is defined ${matches.length} times`);
      assert.ok(id.length <= 32, `resid "${id}" is longer than 32 characters`);
      assert.equal(matches[0]!.kind, expectedKind(node, parents), `resid "${id}" on <${node.name}> points into the wrong list`);
    }
    const usedIds = new Set(used.map((n) => n.attrs.resid));
    assert.deepEqual(definitions.map((d) => d.id).filter((id) => !usedIds.has(id)), [], 'resources nobody uses');
  });

  test('every short and long string has an en-US override and fits its length limit', () => {
    for (const { kind, id, node } of definitions) {
      if (kind !== 'bt:ShortStrings' && kind !== 'bt:LongStrings') continue;
      const limit = kind === 'bt:ShortStrings' ? 125 : 250;
      const english = node.children.filter((o) => o.name === 'bt:Override' && o.attrs.Locale === 'en-US');
      assert.equal(english.length, 1, `"${id}" needs exactly one en-US override`);
      for (const value of [node.attrs.DefaultValue ?? '', english[0]!.attrs.Value ?? '']) {
        assert.ok(value.trim().length > 0, `"${id}" has an empty value`);
        assert.ok(value.length <= limit, `"${id}" is longer than ${limit} characters: ${value}`);
      }
    }
  });

  test('every English display language gets the English text, as the pane does; any other gets Vietnamese', () => {
    const overridden = all(manifest, (n) => n.children.some((o) => o.name.endsWith('Override')));
    assert.ok(overridden.length > 10);
    for (const node of overridden) {
      const overrides = node.children.filter((o) => o.name.endsWith('Override'));
      const english = overrides.find((o) => o.attrs.Locale === 'en-US')?.attrs.Value;
      assert.ok(english, `<${node.name} ${node.attrs.id ?? ''}> has an en-US override`);
      assert.deepEqual(overrides.map((o) => o.attrs.Locale), ENGLISH_LOCALES, `<${node.name} ${node.attrs.id ?? ''}>`);
      for (const o of overrides) assert.equal(o.attrs.Value, english);
      for (const locale of ENGLISH_LOCALES) assert.equal(languageFor(locale), 'en', locale);
    }
    assert.equal(languageFor('fr-FR'), 'vi', 'and the pane falls back to Vietnamese like the manifest');
  });

  test('declares the SharedRuntime requirement and one long-lived runtime', () => {
    const sets = path(manifest, 'Requirements', 'Sets').children;
    assert.ok(sets.some((s) => s.attrs.Name === 'SharedRuntime' && s.attrs.MinVersion === '1.1'), 'SharedRuntime 1.1');
    const runtimes = path(host, 'Runtimes').children;
    assert.equal(runtimes.length, 1);
    assert.equal(runtimes[0]!.attrs.lifetime, 'long');
  });

  test('the pane, the commands and the functions all load the runtime page (one shared runtime)', () => {
    const runtime = path(host, 'Runtimes', 'Runtime').attrs.resid;
    const functions = path(host, 'AllFormFactors', 'ExtensionPoint');
    assert.equal(functions.attrs['xsi:type'], 'CustomFunctions');
    const pages = [
      path(functions, 'Page', 'SourceLocation'),
      path(functions, 'Script', 'SourceLocation'),
      path(host, 'DesktopFormFactor', 'FunctionFile'),
      ...all(host, (n, parents) => n.name === 'SourceLocation' && parents[parents.length - 1]?.attrs['xsi:type'] === 'ShowTaskpane'),
    ];
    assert.ok(pages.length >= 4);
    for (const page of pages) assert.equal(page.attrs.resid, runtime, `<${page.name}> must use the runtime's resid "${runtime}"`);
    // "Good practice: avoid multiple task panes": no <TaskpaneId> under a long-lived runtime's host.
    assert.deepEqual(all(host, (n) => n.name === 'TaskpaneId'), []);
    assert.equal(stringValue('Taskpane.Url'), `${HOST}/taskpane.html`);
    assert.match(resource(path(functions, 'Metadata', 'SourceLocation').attrs.resid!).node.attrs.DefaultValue ?? '', /\/functions\.json$/);
  });

  test('the custom functions namespace is GNBV', () => {
    const namespace = path(host, 'AllFormFactors', 'ExtensionPoint', 'Namespace').attrs.resid!;
    assert.equal(resource(namespace).kind, 'bt:ShortStrings');
    assert.equal(stringValue(namespace), 'GNBV');
  });

  test('a custom tab "Giảm nghèo" holds the four buttons, each with a supertip and 16/32/80 icons', () => {
    const tab = path(host, 'DesktopFormFactor', 'ExtensionPoint', 'CustomTab');
    assert.equal(stringValue(child(tab, 'Label').attrs.resid!), 'Giảm nghèo');
    const group = child(tab, 'Group');
    assert.equal(stringValue(child(group, 'Label').attrs.resid!), 'Báo cáo giảm nghèo');
    const buttons = group.children.filter((c) => c.name === 'Control');
    assert.deepEqual(
      buttons.map((b) => stringValue(child(b, 'Label').attrs.resid!)),
      ['Kiểm tra biểu', 'Gộp báo cáo xã', 'Chèn công thức tổng', 'Mẫu biểu'],
    );
    for (const button of [group, ...buttons]) {
      assert.deepEqual(child(button, 'Icon').children.map((i) => i.attrs.size), ['16', '32', '80']);
    }
    for (const button of buttons) {
      assert.equal(button.attrs['xsi:type'], 'Button');
      const tip = child(button, 'Supertip');
      assert.ok(stringValue(child(tip, 'Title').attrs.resid!).length > 0);
      assert.ok(stringValue(child(tip, 'Description').attrs.resid!).length > 20);
    }
    assert.deepEqual(
      buttons.map((b) => child(b, 'Action').attrs['xsi:type']),
      ['ShowTaskpane', 'ExecuteFunction', 'ExecuteFunction', 'ExecuteFunction'],
    );
    assert.deepEqual(executeFunctionNames(), ['showMergeView', 'showTotalsView', 'showTemplatesView']);
  });

  test('every URL is on the hosting address', () => {
    const urls = [
      ...definitions.filter((d) => d.kind === 'bt:Urls' || d.kind === 'bt:Images').flatMap((d) => [d.node.attrs.DefaultValue ?? '', ...d.node.children.map((o) => o.attrs.Value ?? '')]),
      ...['IconUrl', 'HighResolutionIconUrl', 'SupportUrl'].map((name) => child(manifest, name).attrs.DefaultValue ?? ''),
      path(manifest, 'DefaultSettings', 'SourceLocation').attrs.DefaultValue ?? '',
    ];
    assert.ok(urls.length >= 9);
    for (const url of urls) assert.ok(url.startsWith(`${HOST}/`), `${url} is not on ${HOST}/`);
    assert.deepEqual(child(manifest, 'AppDomains').children.map((d) => d.text), [HOST]);
  });

  test('every icon the manifest names exists in assets/ at its size', () => {
    for (const url of iconUrls()) {
      const file = new URL(`.${new URL(url).pathname}`, root);
      assert.ok(existsSync(file), `${url}: no file ${file.pathname}`);
      const size = Number(/icon-(\d+)\.png$/.exec(url)?.[1]);
      assert.deepEqual(pngSize(readFileSync(file)), { width: size, height: size }, url);
    }
  });

  test('every URL points to a file of the build (dist/addin)', (t) => {
    if (!existsSync(DIST)) {
      t.skip('run npm run build first');
      return;
    }
    const files = [...new Set(allUrls().map((url) => decodeURIComponent(new URL(url).pathname).replace(/^\//, '')))];
    assert.ok(files.includes('taskpane.html') && files.includes('functions.json'));
    for (const file of [...files, 'manifest.xml']) assert.ok(existsSync(new URL(file, DIST)), `dist/addin/${file} is missing`);
  });

  test('the build registers every ribbon command the manifest names (Office.actions.associate)', (t) => {
    if (!existsSync(DIST)) {
      t.skip('run npm run build first');
      return;
    }
    const scripts = readdirSync(DIST)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(new URL(name, DIST), 'utf8'))
      .join('\n');
    for (const name of executeFunctionNames()) assert.ok(scripts.includes(`"${name}"`) || scripts.includes(`'${name}'`), `no script in dist/addin registers the ribbon command "${name}"`);
  });
});

describe('icons (assets/)', () => {
  test('HighResolutionIconUrl is the 64 px icon, as the manifest reference requires', () => {
    assert.match(child(manifest, 'HighResolutionIconUrl').attrs.DefaultValue ?? '', /\/icon-64\.png$/);
  });

  for (const size of [16, 32, 64, 80]) {
    test(`icon-${size}.png is a ${size}×${size} RGBA PNG`, () => {
      const bytes = readFileSync(new URL(`assets/icon-${size}.png`, root));
      assert.deepEqual(pngSize(bytes), { width: size, height: size });
      assert.equal(bytes[25], 6, 'colour type RGBA');
      // The pixels inflate to one filter byte plus width × 4 bytes per row.
      const idat = pngChunks(bytes).filter((c) => c.type === 'IDAT').map((c) => c.data);
      assert.equal(inflateSync(Buffer.concat(idat)).length, size * (size * 4 + 1));
    });
  }
});

function executeFunctionNames(): string[] {
  return all(host, (n) => n.name === 'FunctionName').map((n) => n.text);
}

function iconUrls(): string[] {
  return allUrls().filter((url) => url.endsWith('.png'));
}

function allUrls(): string[] {
  return [
    ...definitions.filter((d) => d.kind === 'bt:Urls' || d.kind === 'bt:Images').map((d) => d.node.attrs.DefaultValue ?? ''),
    ...['IconUrl', 'HighResolutionIconUrl', 'SupportUrl'].map((name) => child(manifest, name).attrs.DefaultValue ?? ''),
    path(manifest, 'DefaultSettings', 'SourceLocation').attrs.DefaultValue ?? '',
  ];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngChunks(bytes: Buffer): Array<{ type: string; data: Buffer }> {
  assert.deepEqual([...bytes.subarray(0, 8)], PNG_SIGNATURE, 'PNG signature');
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    chunks.push({ type: bytes.toString('ascii', at + 4, at + 8), data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

/** Width and height from the IHDR chunk, which must come first. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const [first] = pngChunks(bytes);
  assert.ok(first?.type === 'IHDR', 'IHDR comes first');
  return { width: first.data.readUInt32BE(0), height: first.data.readUInt32BE(4) };
}

/* ---------------------------------------------------------------- Microsoft's XSDs, offline */

const SCHEMAS = new URL('tests/fixtures/manifest-schemas/', root);

/**
 * The published schemas plus the documented <Runtimes> element, first in a <Host>
 * (tests/fixtures/manifest-schemas/README.md says where each comes from), in a temporary folder.
 */
function schemaFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gnbv-xsd-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  cpSync(SCHEMAS, dir, { recursive: true });
  const file = join(dir, 'TaskPaneAppVersionOverridesV1_0.xsd');
  const source = readFileSync(file, 'utf8');
  const anchor = '<xs:sequence>\n      <xs:element name="AllFormFactors" type="FormFactor"';
  assert.ok(source.includes(anchor), 'the Host type of the published schema');
  const runtimes = `<xs:sequence>
      <xs:element name="Runtimes" minOccurs="0" maxOccurs="1"><xs:complexType><xs:sequence>
        <xs:element name="Runtime" minOccurs="1" maxOccurs="unbounded"><xs:complexType>
          <xs:attribute name="resid" type="bt:URLReferenceId" use="required" />
          <xs:attribute name="lifetime"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="short" /><xs:enumeration value="long" /></xs:restriction></xs:simpleType></xs:attribute>
        </xs:complexType></xs:element>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="AllFormFactors" type="FormFactor"`;
  writeFileSync(file, source.replace(anchor, runtimes));
  return dir;
}

const xmllint = spawnSync('xmllint', ['--version']).status === 0;

describe('manifest.xml against Microsoft\'s XSDs (xmllint, offline)', () => {
  const validate = (source: string) => {
    const dir = schemaFolder();
    writeFileSync(join(dir, 'manifest.xml'), source);
    return spawnSync('xmllint', ['--noout', '--schema', join(dir, 'OfficeAppManifestV1_1.xsd'), join(dir, 'manifest.xml')], { encoding: 'utf8' });
  };

  test('the source manifest and the built one validate', { skip: !xmllint && 'xmllint is missing: apt-get install -y libxml2-utils' }, () => {
    const result = validate(xml);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /validates/);
    if (existsSync(new URL('manifest.xml', DIST))) {
      const built = validate(readFileSync(new URL('manifest.xml', DIST), 'utf8'));
      assert.equal(built.status, 0, built.stderr);
    }
  });

  test('the validation is real: a misplaced <Runtimes> or an unknown lifetime is refused', { skip: !xmllint && 'xmllint is missing' }, () => {
    const runtimes = /\s*<Runtimes>[\s\S]*?<\/Runtimes>/.exec(xml)![0];
    const misplaced = xml.replace(runtimes, '').replace('</AllFormFactors>', `</AllFormFactors>${runtimes}`);
    assert.notEqual(validate(misplaced).status, 0);
    assert.notEqual(validate(xml.replace('lifetime="long"', 'lifetime="forever"')).status, 0);
    assert.notEqual(validate(xml.replace('<ProviderName>', '<Provider>').replace('</ProviderName>', '</Provider>')).status, 0);
  });
});
