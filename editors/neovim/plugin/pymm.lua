-- :PymmLookup [query] and :PymmTopics. Starting the server is up to require('pymm').setup() or, on
-- Neovim >= 0.11, vim.lsp.enable('pymm').
if vim.g.loaded_pymm then
  return
end
vim.g.loaded_pymm = true

vim.api.nvim_create_user_command('PymmLookup', function(args)
  require('pymm').lookup(args.args)
end, { nargs = '*', desc = 'Look up a topic of the Python Mental Models guide' })

vim.api.nvim_create_user_command('PymmTopics', function()
  require('pymm').topics()
end, { nargs = 0, desc = 'Table of contents of the Python Mental Models guide' })
