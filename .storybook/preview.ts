import type { Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';

const preview: Preview = {
  // Starts msw's worker once, then installs each story's `parameters.msw` handlers.
  loaders: [mswLoader()],
  parameters: {
    layout: 'padded',
  },
};

export default preview;
