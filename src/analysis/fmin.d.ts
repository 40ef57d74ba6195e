// fmin ships no types; `nelder-mead.ts` declares the one function it uses.
declare module 'fmin';
