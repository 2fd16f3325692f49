import { yaml } from '@codemirror/lang-yaml';
import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { Group, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';

interface YamlDiffProps {
  before: string;
  after: string;
  beforeLabel: string;
  afterLabel: string;
  /** CodeMirror's phrase for a folded run, with `$` where the count goes. */
  unchangedLines: string;
}

// The stock markers (⦚) are missing from many fonts, Japanese ones included.
const collapsedTheme = EditorView.theme({
  '.cm-collapsedLines:before': { content: '"…"' },
  '.cm-collapsedLines:after': { content: '"…"' },
});

/** Two read-only YAML texts side by side with their differences marked; unchanged runs fold away. */
export function YamlDiff({ before, after, beforeLabel, afterLabel, unchangedLines }: YamlDiffProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const parent = host.current;
    if (!parent) return undefined;
    const side = (doc: string, label: string) => ({
      doc,
      extensions: [
        yaml(),
        EditorView.lineWrapping,
        EditorState.readOnly.of(true),
        EditorView.editable.of(false),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorState.phrases.of({ '$ unchanged lines': unchangedLines }),
        collapsedTheme,
      ],
    });
    const view = new MergeView({
      a: side(before, beforeLabel),
      b: side(after, afterLabel),
      parent,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }, [before, after, beforeLabel, afterLabel, unchangedLines]);
  return (
    <div>
      <Group grow gap="md" mb={4}>
        <Text size="sm" fw={600}>
          {beforeLabel}
        </Text>
        <Text size="sm" fw={600}>
          {afterLabel}
        </Text>
      </Group>
      <div
        ref={host}
        data-testid="yaml-diff"
        style={{
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 4,
          maxHeight: '60vh',
          overflow: 'auto',
        }}
      />
    </div>
  );
}
