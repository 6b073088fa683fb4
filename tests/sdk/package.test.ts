import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '@herald/sdk';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types, shared with the SDK's build.
import { sdkTypesPath } from '../../packages/sdk/scripts/copy-wire-types.mjs';

const sdk = (path: string) => new URL(`../../packages/sdk/${path}`, import.meta.url);

describe('the SDK package', () => {
  it('its wire types are the one generated file, copied in at build: no second copy in git', () => {
    const sources = readdirSync(sdk('src'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    const generatedImports = sources.flatMap((file) =>
      [...readFileSync(sdk(`src/${file}`), 'utf8').matchAll(/from '(\.[^']*generated[^']*)'/g)]
        .map((m) => resolve(dirname(fileURLToPath(sdk(`src/${file}`))), m[1]!))
        .map((path) => path.replace(/\.js$/, '.ts')),
    );
    expect(generatedImports.length).toBeGreaterThan(0);
    expect(new Set(generatedImports)).toEqual(new Set([sdkTypesPath]));
    const tracked = execFileSync('git', ['ls-files', 'src/generated'], {
      cwd: fileURLToPath(sdk('')),
      encoding: 'utf8',
    });
    expect(tracked).toBe('');
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
