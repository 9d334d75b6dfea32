// The module the page's import map names `zxkit`: the whole public module, bundled once, shared
// by the playground's own script and the reader's code.
export * from 'zxkit';
