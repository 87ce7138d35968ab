import { Badge, DEFAULT_THEME, Modal, createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * The console's theme: Mantine's, with every text at WCAG AA contrast (4.5:1) in both colour
 * schemes. Filled colours use shade 8 and pick black or white text by luminance (0.18 is where
 * white and black give the same contrast); the `light` variant writes its text in the body's
 * colour instead of a mid shade, which on a tinted background reads at about 3:1.
 */
export const theme = createTheme({
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.18,
  components: {
    // A status badge keeps its whole word ("ACTIVE", not "AC…") however narrow its cell.
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content', overflow: 'visible' }, label: { overflow: 'visible' } } }),
    // The close button of every dialog is named for screen readers.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close the dialog' } } }),
  },
});

const lightVariantText = (scheme: 'light' | 'dark') =>
  Object.fromEntries(
    Object.keys(DEFAULT_THEME.colors).map((color) => [
      `--mantine-color-${color}-light-color`,
      `var(--mantine-color-${scheme === 'light' ? 'black' : 'white'})`,
    ]),
  );

/** Darker dimmed text and links than Mantine's defaults (3.3:1 and 3.6:1 on white). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { ...lightVariantText('light'), '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-anchor': 'var(--mantine-color-blue-8)' },
  dark: { ...lightVariantText('dark'), '--mantine-color-dimmed': 'var(--mantine-color-dark-1)', '--mantine-color-anchor': 'var(--mantine-color-blue-3)' },
});
