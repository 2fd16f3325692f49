import { Button, type ButtonProps, Tooltip } from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';

interface GuardedButtonProps extends ButtonProps {
  /** Why the person may not do this; the button then stays visible but does nothing. */
  deniedReason?: string | undefined;
  onClick: () => void;
  children: ReactNode;
}

/**
 * A button for an action the person may lack the right to. A plainly disabled button can neither
 * be focused nor show a tooltip, so the reason would be lost for keyboard users; this one stays
 * focusable, says `aria-disabled` and shows why on hover and focus.
 */
export function GuardedButton({ deniedReason, onClick, children, ...props }: GuardedButtonProps) {
  if (!deniedReason) {
    return (
      <Button {...props} onClick={onClick}>
        {children}
      </Button>
    );
  }
  return (
    <Tooltip label={deniedReason} multiline maw={320} withArrow events={{ hover: true, focus: true, touch: true }}>
      <Button
        {...props}
        data-disabled
        aria-disabled="true"
        aria-description={deniedReason}
        onClick={(event: MouseEvent) => event.preventDefault()}
      >
        {children}
      </Button>
    </Tooltip>
  );
}
