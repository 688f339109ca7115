-- The Neovim plugin in the real editor, headless: loaded as a user's would be (runtimepath + plugin/), on a Python
-- file: diagnostics arrive, hover shows the guide with the bold table row, a code action fixes the buffer,
-- :PymmLookup and :PymmTopics work. Run by run_neovim.sh; exits with :cquit on any failure, a watchdog ends hangs.
-- Environment: PYMM_TEST_PLUGIN (editors/neovim), PYMM_TEST_FILE (the Python file), PYMM_TEST_TIMEOUT_MS.
local plugin = assert(os.getenv('PYMM_TEST_PLUGIN'), 'PYMM_TEST_PLUGIN is not set')
local file = assert(os.getenv('PYMM_TEST_FILE'), 'PYMM_TEST_FILE is not set')
local WAIT = 10000
local started = vim.loop.hrtime()
local checks, skipped = 0, {}

local function say(fmt, ...)
  io.stdout:write(('[%6.0f ms] '):format((vim.loop.hrtime() - started) / 1e6) .. fmt:format(...) .. '\n')
  io.stdout:flush()
end

local function lsp_log_tail()
  local path = vim.lsp.get_log_path and vim.lsp.get_log_path() or (vim.fn.stdpath('cache') .. '/lsp.log')
  local ok, lines = pcall(vim.fn.readfile, path)
  if ok and #lines > 0 then
    io.stdout:write('--- tail of ' .. path .. '\n' .. table.concat(lines, '\n', math.max(1, #lines - 40)) .. '\n')
  end
end

local function fail(fmt, ...)
  say('FAIL: ' .. fmt, ...)
  lsp_log_tail()
  vim.cmd('cquit 1')
end

local function check(ok, fmt, ...)
  if not ok then
    fail(fmt, ...)
  end
  checks = checks + 1
end

-- A wait that times out is a failure, never a hang.
local function wait_for(what, predicate, ms)
  if not vim.wait(ms or WAIT, predicate, 10) then
    fail('timed out waiting for %s', what)
  end
end

local watchdog = vim.loop.new_timer()
watchdog:start(tonumber(os.getenv('PYMM_TEST_TIMEOUT_MS') or '') or 45000, 0, function()
  io.stdout:write('FAIL: watchdog: the test did not finish in time\n')
  io.stdout:flush()
  os.exit(3)
end)

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr or 0, 0, -1, false), '\n')
end

-- Puts the cursor on the first occurrence of 'needle' (plain text), plus 'offset' bytes.
local function cursor_on(needle, offset)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { i, col - 1 + (offset or 0) })
      return
    end
  end
  fail('%q is not in the buffer', needle)
end

-- vim.ui.select answered by the first item whose text matches 'pattern'; remembers what was offered.
local offered, offered_count
local function select_matching(pattern)
  vim.ui.select = function(items, opts, on_choice)
    offered, offered_count = {}, #items
    for i, item in ipairs(items) do
      local text = opts.format_item and opts.format_item(item) or tostring(item)
      if type(item) == 'table' and type(item[2]) == 'table' and item[2].title then -- code actions: {client, action}
        text = item[2].title
      elseif type(item) == 'table' and item.action and item.action.title then -- 0.10+: {action, ctx}
        text = item.action.title
      end
      table.insert(offered, text)
      if text:find(pattern) then
        say('vim.ui.select: choosing %q', text)
        return on_choice(item, i)
      end
    end
    say('vim.ui.select: nothing matches %q among: %s', pattern, table.concat(offered, ' | '))
    on_choice(nil, nil)
  end
end

local function floating_windows()
  local found = {}
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      table.insert(found, win)
    end
  end
  return found
end

local function close_floats()
  for _, win in ipairs(floating_windows()) do
    pcall(vim.api.nvim_win_close, win, true)
  end
end

-- 1. The plugin as installed: on the runtimepath, plugin/ sourced, filetype detection on.
vim.opt.runtimepath:prepend(plugin)
vim.cmd('filetype on')
vim.cmd('runtime! plugin/pymm.lua')
check(vim.fn.exists(':PymmLookup') == 2 and vim.fn.exists(':PymmTopics') == 2, ':PymmLookup and :PymmTopics exist')
local pymm = require('pymm')
pymm.setup()
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
check(vim.bo.filetype == 'python', 'the test file is detected as Python (got %q)', vim.bo.filetype)
say('Neovim %s, editing %s', tostring(vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch), file)

local client
wait_for('pymm to start and initialize', function()
  client = pymm.client(bufnr)
  return client ~= nil and client.initialized ~= false and client.server_capabilities ~= nil
    and vim.lsp.buf_is_attached(bufnr, client.id)
end)
say('pymm attached (client %d, %s)', client.id, client.offset_encoding or '?')

-- 2. Diagnostics (pushed by the server), when it has them.
local caps = client.server_capabilities
local has_actions = caps.codeActionProvider ~= nil and caps.codeActionProvider ~= false
if has_actions then
  wait_for('pymm diagnostics', function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if tostring(d.code or ''):find('PMM101') or (d.message or ''):find('default') then
        return true
      end
    end
    return false
  end)
  local lines = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(lines, ('%d:%d %s %s'):format(d.lnum + 1, d.col + 1, tostring(d.code), d.message))
  end
  say('diagnostics: %s', table.concat(lines, ' | '))
else
  table.insert(skipped, 'diagnostics and code actions: this pymm has no codeActionProvider yet')
end

-- 3. Hover on lst.pop(0): the raw Markdown has the bold row; the float the user sees has the guide's text.
cursor_on('lst.pop(0)', 4)
local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
local replies = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, WAIT)
local markdown
for _, reply in pairs(replies or {}) do
  local err = reply.error or reply.err
  check(not err, 'hover failed: %s', vim.inspect(err))
  if reply.result and reply.result.contents then
    markdown = reply.result.contents.value or vim.inspect(reply.result.contents)
  end
end
check(markdown ~= nil, 'pymm answered the hover on lst.pop(0)')
check(markdown:find('**Pop from start', 1, true) ~= nil, 'the hover has the bold row "**Pop from start**":\n%s', markdown)
check(markdown:find('collections.deque', 1, true) ~= nil, 'the hover has the guide\'s text (collections.deque):\n%s',
  markdown)
vim.lsp.buf.hover()
local hover_text
wait_for('the hover window', function()
  for _, win in ipairs(floating_windows()) do
    hover_text = buffer_text(vim.api.nvim_win_get_buf(win))
    if hover_text:find('Pop from start', 1, true) then
      return true
    end
  end
  return false
end)
check(hover_text:find('O(n)', 1, true) ~= nil, 'the hover window shows O(n):\n%s', hover_text)
say('hover: %s', (hover_text:gsub('\n.*', '')))
close_floats()

-- 4. The code actions for the mutable default, through vim.lsp.buf.code_action() and vim.ui.select: "Explain"
-- shows the guide's section in a float; the fix rewrites the function.
if has_actions then
  cursor_on('items=[]', 6)
  select_matching('^Explain: Mutable Default Arguments')
  pymm.last_float = nil
  vim.lsp.buf.code_action()
  wait_for('the Explain floating window', function()
    return pymm.last_float ~= nil and vim.api.nvim_win_is_valid(pymm.last_float.winnr)
  end)
  local explained = table.concat(vim.api.nvim_buf_get_lines(pymm.last_float.bufnr, 0, -1, false), '\n')
  check(explained:find('Mutable Default Arguments', 1, true) ~= nil,
    'Explain shows the Mutable Default Arguments section:\n%s', explained:sub(1, 300))
  say('Explain shows: %s', (explained:match('[^\n]+') or ''))
  close_floats()
  vim.api.nvim_set_current_buf(bufnr)

  local before = buffer_text(bufnr)
  cursor_on('items=[]', 6)
  select_matching('None')
  vim.lsp.buf.code_action()
  wait_for('the code action to change the buffer', function()
    return buffer_text(bufnr) ~= before
  end)
  local after = buffer_text(bufnr)
  local expected = 'def collect(item, items=None):\n    if items is None:\n        items = []\n    items.append(item)'
  check(after:find(expected, 1, true) ~= nil, 'after the fix the function reads\n%s\n--- but the buffer is\n%s',
    expected, after)
  say('code action applied: %s', (after:match('def collect[^\n]*\n[^\n]*\n[^\n]*') or ''):gsub('\n', ' / '))
end

-- 5. :PymmLookup deque: vim.ui.select offers the deque section; it opens in a floating window.
select_matching('[Dd][Ee][Qq][Uu][Ee]')
pymm.last_float = nil
vim.cmd('PymmLookup deque')
wait_for('the :PymmLookup floating window', function()
  return pymm.last_float ~= nil and vim.api.nvim_win_is_valid(pymm.last_float.winnr)
end)
local float = pymm.last_float
check(vim.api.nvim_win_get_config(float.winnr).relative ~= '', 'the lookup result is a floating window')
check(vim.api.nvim_get_current_win() == float.winnr, 'the cursor is in the lookup window')
local looked_up = buffer_text(float.bufnr)
check(looked_up:find('popleft', 1, true) ~= nil and looked_up:lower():find('deque', 1, true) ~= nil,
  'the lookup window shows the deque section:\n%s', looked_up)
-- Markdown highlighting: a markdown filetype (tree-sitter, 0.10+) or stylized syntax regions (0.7-0.9).
local highlighted = vim.bo[float.bufnr].filetype:find('markdown') ~= nil or vim.bo[float.bufnr].syntax:find('markdown') ~= nil
for lnum = 1, vim.api.nvim_buf_line_count(float.bufnr) do
  highlighted = highlighted or vim.fn.synIDattr(vim.fn.synID(lnum, 1, 1), 'name') ~= ''
end
check(highlighted, 'the lookup window has Markdown highlighting')
say('lookup: offered %d items, showing %q', offered_count, looked_up:match('[^\n]*deque[^\n]*') or '')
vim.api.nvim_win_close(float.winnr, true)

-- 6. :PymmTopics opens the guide at the chosen section.
select_matching('[Cc]ollections')
vim.cmd('PymmTopics')
wait_for(':PymmTopics to open the guide', function()
  return vim.api.nvim_buf_get_name(0):find('%.md$') ~= nil
end)
check(vim.api.nvim_get_current_line():lower():find('collections', 1, true) ~= nil,
  ':PymmTopics put the cursor on the section heading, got %q', vim.api.nvim_get_current_line())
say('topics: %d offered, opened %s:%d', offered_count, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ':t'),
  vim.api.nvim_win_get_cursor(0)[1])

for _, what in ipairs(skipped) do
  say('SKIPPED: %s', what)
end
say('PASS: %d checks', checks)
watchdog:stop()
vim.cmd('qall!')
