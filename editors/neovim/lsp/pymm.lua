-- pymm, the "Python — Mental Models" language server, for Neovim >= 0.11:
--   vim.lsp.enable('pymm')
-- Settings (all optional) go under settings.pymm, e.g.
--   vim.lsp.config('pymm', { settings = { pymm = { hover = { maxTableRows = 0 } } } })
-- Keys: guidePath, select, ignore, inlayHints.complexity, hover.maxTableRows (see :help pymm-settings).
return {
  cmd = { 'pymm', 'serve' },
  filetypes = { 'python' },
  root_markers = { 'pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'Pipfile', '.git' },
  settings = { pymm = {} },
}
