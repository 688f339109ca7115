-- pymm for Neovim 0.7 and later: starts `pymm serve` for Python buffers, and :PymmLookup / :PymmTopics.
-- Hover, diagnostics and code actions are the built-in client's (vim.lsp.buf.hover(), vim.lsp.buf.code_action()).
-- Neovim's features are detected by the presence of functions, not by version numbers.
local M = {}

local INSTALL_HINT = 'install it with `sudo make install` in the pymm source tree, or pass setup({ path = ... })'

M.defaults = {
  path = nil, -- the pymm executable; nil: `pymm` on PATH
  cmd = nil, -- the whole command; nil: { path, 'serve' }
  filetypes = { 'python' },
  root_markers = { 'pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'Pipfile', '.git' },
  settings = { pymm = {} },
  on_attach = nil,
  capabilities = nil,
}

M.options = nil

local function get_clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = 'pymm' })
  end
  local found = {}
  for _, client in pairs(vim.lsp.get_active_clients()) do
    if client.name == 'pymm' then
      table.insert(found, client)
    end
  end
  return found
end

-- The pymm client attached to bufnr, else any running pymm client; nil when none runs.
function M.client(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local any
  for _, client in ipairs(get_clients()) do
    if vim.lsp.buf_is_attached(bufnr, client.id) then
      return client
    end
    any = any or client
  end
  return any
end

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

-- The nearest folder above the buffer's file holding a root marker; else the current directory.
local function root_dir(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.loop.cwd()
  while dir and dir ~= '' do
    for _, marker in ipairs(markers) do
      if exists(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      break
    end
    dir = parent
  end
  return vim.loop.cwd()
end

-- An empty table would reach the server as [] rather than {}.
local function object(t)
  return (t == nil or next(t) == nil) and vim.empty_dict() or t
end

local function client_config(opts, bufnr)
  return {
    name = 'pymm',
    cmd = opts.cmd,
    root_dir = root_dir(bufnr, opts.root_markers),
    settings = { pymm = object(opts.settings.pymm) },
    init_options = object(opts.settings.pymm),
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
  }
end

local started = {} -- Neovim 0.7: root_dir -> client id

-- Starts pymm for bufnr (or reuses the client of the same root) and attaches the buffer to it.
function M.attach(bufnr)
  local opts = M.options or M.setup_options()
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if vim.fn.executable(opts.cmd[1]) ~= 1 then
    if not M.warned then
      M.warned = true
      vim.notify(('pymm: %s is not executable: %s'):format(opts.cmd[1], INSTALL_HINT), vim.log.levels.ERROR)
    end
    return nil
  end
  local config = client_config(opts, bufnr)
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = started[config.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    started[config.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

function M.setup_options(opts)
  opts = vim.tbl_deep_extend('force', {}, M.defaults, opts or {})
  opts.cmd = opts.cmd or { opts.path or 'pymm', 'serve' }
  M.options = opts
  return opts
end

-- setup(opts): opts as in M.defaults. Neovim >= 0.11 gets vim.lsp.config + vim.lsp.enable; older ones an
-- autocommand that attaches every Python buffer.
function M.setup(opts)
  opts = M.setup_options(opts)
  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config('pymm', {
      cmd = opts.cmd,
      filetypes = opts.filetypes,
      root_markers = opts.root_markers,
      settings = { pymm = object(opts.settings.pymm) },
      init_options = object(opts.settings.pymm),
      on_attach = opts.on_attach,
      capabilities = opts.capabilities,
    })
    vim.lsp.enable('pymm')
    return
  end
  local group = vim.api.nvim_create_augroup('pymm', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(opts.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

local function request(method, params, callback)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.client(bufnr)
  if not client then
    vim.notify('pymm: no pymm server is running (open a Python file first; see :help pymm-setup)',
      vim.log.levels.ERROR)
    return
  end
  local handler = function(err, result)
    if err then
      vim.notify(('pymm: %s: %s'):format(params.command or method, err.message or vim.inspect(err)),
        vim.log.levels.ERROR)
      return
    end
    callback(result, client)
  end
  -- Client methods take self from 0.11 on (vim.lsp.config arrived with that change).
  if vim.lsp.config then
    client:request(method, params, handler, bufnr)
  else
    client.request(method, params, handler, bufnr)
  end
end

local function split_lines(text)
  return vim.split(text, '\n', { plain = true })
end

-- Opens the guide at an LSP location {uri, range}.
function M.open_location(location)
  if not location or not location.uri then
    return
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.uri_to_fname(location.uri)))
  local line = location.range and location.range.start.line or 0
  vim.api.nvim_win_set_cursor(0, { math.min(line + 1, vim.api.nvim_buf_line_count(0)), 0 })
  vim.cmd('normal! zt')
end

-- Shows a looked-up section in a floating window with Markdown highlighting, and moves into it:
-- q closes it, <CR> opens the guide at the section. Returns the float's buffer and window.
function M.show(item)
  local lines = split_lines(item.markdown or ('# ' .. item.title))
  local width = math.min(100, math.max(40, vim.o.columns - 8))
  local bufnr, winnr = vim.lsp.util.open_floating_preview(lines, 'markdown', {
    border = 'rounded',
    max_width = width,
    max_height = math.max(10, math.floor(vim.o.lines * 0.7)),
    focus_id = 'pymm-lookup',
    close_events = {}, -- stays until q, or until another buffer is entered
  })
  vim.api.nvim_set_current_win(winnr)
  local map = function(lhs, fn)
    vim.api.nvim_buf_set_keymap(bufnr, 'n', lhs, '', { noremap = true, nowait = true, callback = fn })
  end
  map('q', function()
    pcall(vim.api.nvim_win_close, winnr, true)
  end)
  map('<CR>', function()
    pcall(vim.api.nvim_win_close, winnr, true)
    M.open_location(item.location)
  end)
  M.last_float = { bufnr = bufnr, winnr = winnr }
  return bufnr, winnr
end

-- The "Explain: <section>" code action runs pymm.lookup on its section. Neovim runs a command it knows on the
-- client side: ask the server, and show the section in a floating window rather than drop the answer.
vim.lsp.commands['pymm.lookup'] = function(command)
  request('workspace/executeCommand', { command = 'pymm.lookup', arguments = command.arguments }, function(items)
    if items and #items > 0 then
      M.show(items[1])
    end
  end)
end

-- :PymmLookup [query]: pymm.lookup's matches in vim.ui.select; the chosen one in a floating window.
function M.lookup(query)
  if not query or query == '' then
    vim.ui.input({ prompt = 'pymm lookup: ' }, function(text)
      if text and text ~= '' then
        M.lookup(text)
      end
    end)
    return
  end
  request('workspace/executeCommand', { command = 'pymm.lookup', arguments = { { query = query, limit = 30 } } },
    function(items)
      if not items or #items == 0 then
        vim.notify(('pymm: nothing in the guide matches "%s"'):format(query), vim.log.levels.WARN)
        return
      end
      vim.ui.select(items, {
        prompt = 'pymm: ' .. query,
        format_item = function(item)
          if item.section and item.section ~= '' and item.section ~= item.title then
            return item.title .. '  (' .. item.section .. ')'
          end
          return item.title
        end,
      }, function(choice)
        if choice then
          M.show(choice)
        end
      end)
    end)
end

-- :PymmTopics: the guide's table of contents in vim.ui.select; the chosen section opens in the guide.
function M.topics()
  request('workspace/executeCommand', { command = 'pymm.topics', arguments = {} }, function(topics)
    local top = math.huge
    for _, t in ipairs(topics or {}) do
      top = math.min(top, t.level)
    end
    vim.ui.select(topics or {}, {
      prompt = 'pymm: table of contents',
      format_item = function(t)
        return string.rep('  ', t.level - top) .. t.title
      end,
    }, function(choice)
      if choice then
        M.open_location(choice.location)
      end
    end)
  end)
end

return M
