import { yaml } from '@codemirror/lang-yaml';
import { EditorView } from '@codemirror/view';
import { useComputedColorScheme } from '@mantine/core';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';

interface YamlEditorProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  readOnly?: boolean;
  height?: string;
}

/** A YAML editor with highlighting and folding, named for assistive technology. */
export function YamlEditor({ value, onChange, label, readOnly = false, height = '60vh' }: YamlEditorProps) {
  const scheme = useComputedColorScheme('light');
  const extensions = useMemo(
    () => [yaml(), EditorView.lineWrapping, EditorView.contentAttributes.of({ 'aria-label': label })],
    [label],
  );
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      readOnly={readOnly}
      editable={!readOnly}
      height={height}
      theme={scheme}
      basicSetup={{ tabSize: 2 }}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4, overflow: 'hidden' }}
    />
  );
}
