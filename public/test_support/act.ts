/**
 * Testing Library's `act`, with a type. Its declaration names React 19's `React.act`, which React
 * 18's types lack, so the type-aware lint rules see an unresolved type at every call. The function
 * is Testing Library's own (it sets React's act environment around the callback); its type is that
 * of react-dom/test-utils' `act`, which Testing Library's declaration falls back to on React 18.
 */
// `pure`: importing this module adds no automatic cleanup (see render_page.tsx).
import { act as testingLibraryAct } from '@testing-library/react/pure';
import type { act as reactDomAct } from 'react-dom/test-utils';

export const act = testingLibraryAct as unknown as typeof reactDomAct;
