import { Anchor, type AnchorProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { BASE, useRouter } from '../router';

/**
 * A link to a console route: a real anchor (reachable by keyboard, opens in a new tab with a
 * modifier key), followed in place on a plain click.
 */
export function RouteLink({ to, children, ...props }: AnchorProps & { readonly to: string; readonly children: ReactNode }) {
  const { navigate } = useRouter();
  return (
    <Anchor
      {...props}
      href={`${BASE}${to}`}
      onClick={(event) => {
        // The row around a link may follow clicks too: the link's click is the one that counts.
        event.stopPropagation();
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </Anchor>
  );
}
