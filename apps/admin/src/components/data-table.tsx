import { Box, Table, type TableProps } from '@mantine/core';

/**
 * A table that scrolls sideways in its own box when the screen is narrower than `minWidth`,
 * instead of squeezing its columns (and cutting its badges) on a phone. The box takes the
 * keyboard focus, so it can be scrolled without a mouse.
 */
export function DataTable({ minWidth = 640, ...props }: TableProps & { readonly minWidth?: number }) {
  return (
    <Box style={{ overflowX: 'auto' }} tabIndex={0}>
      <Table miw={minWidth} {...props} />
    </Box>
  );
}
