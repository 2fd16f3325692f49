/** Every page's address in one place, so links and routes cannot drift apart. */
export const paths = {
  home: '/',
} as const;
