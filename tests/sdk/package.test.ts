import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VERSION } from '@herald/sdk';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types, shared with `npm run generate`.
import { readSdkTypes, renderSdkTypes } from '../../packages/sdk/scripts/generate-types.mjs';

const sdk = (path: string) => new URL(`../../packages/sdk/${path}`, import.meta.url);

describe('the SDK package', () => {
  it('its generated types match openapi.yaml (run `npm run generate` after changing the spec)', async () => {
    expect(await readSdkTypes()).toBe(await renderSdkTypes());
  });

  it('VERSION (the User-Agent) is package.json’s version', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(sdk('package.json'), 'utf8')).version);
  });

  it('has no runtime dependency, and imports no workspace package', () => {
    const manifest = JSON.parse(readFileSync(sdk('package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.private).toBeUndefined();
    const files = readdirSync(sdk('src'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files)
      expect(readFileSync(sdk(`src/${file}`), 'utf8'), file).not.toMatch(
        /^(import|export) .* from '(@herald\/|node:)/m,
      );
  });

  it('every public method of every exported class has TSDoc with an @example', () => {
    const program = ts.createProgram([fileURLToPath(sdk('src/index.ts'))], { strict: true });
    const checker = program.getTypeChecker();
    const index = checker.getSymbolAtLocation(
      program.getSourceFile(fileURLToPath(sdk('src/index.ts')))!,
    )!;
    const missing: string[] = [];
    let methods = 0;
    for (const exported of checker.getExportsOfModule(index)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declaration = symbol.declarations?.[0];
      if (!declaration || !ts.isClassDeclaration(declaration)) continue;
      for (const member of declaration.members) {
        if (!ts.isMethodDeclaration(member)) continue;
        const modifiers = ts.getCombinedModifierFlags(member);
        if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        methods++;
        if (!ts.getJSDocTags(member).some((tag) => tag.tagName.text === 'example'))
          missing.push(`${symbol.name}.${member.name.getText()}`);
      }
    }
    expect(methods).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });
});
