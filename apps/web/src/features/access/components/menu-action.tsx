import { Menu, Text } from '@mantine/core';

interface MenuActionProps {
  reason: string | undefined;
  color?: string;
  onClick: () => void;
  children: string;
}

/** A menu entry that, when not allowed, stays in place disabled and says why beneath its label. */
export function MenuAction({ reason, color, onClick, children }: MenuActionProps) {
  return (
    <Menu.Item color={reason ? undefined : color} disabled={reason !== undefined} onClick={onClick}>
      <Text size="sm" inherit>
        {children}
      </Text>
      {reason && (
        <Text size="xs" c="dimmed" maw={260}>
          {reason}
        </Text>
      )}
    </Menu.Item>
  );
}
