-- interop.lua drives `piano lsp` from Neovim's built-in LSP client (0.7 and
-- later), headless, and checks what a user of the editor sees: diagnostics as
-- piano check prints them, before and after edits made through the buffer
-- (after non-ASCII text too), the did-you-mean quick fix, hover, go to
-- definition, references, formatting as piano fmt does it, completion (the server's
-- answer, and Neovim's omni completion menu), a score in a code lens as piano
-- eval computes it, and a rename that reaches the data file. Each check
-- prints one PASS or FAIL line; Neovim exits with status 1 when any check
-- fails (or the run times out), 0 otherwise.
--
--   PIANO_BIN=/path/to/piano nvim --headless -u NONE -i NONE -n \
--     -c 'luafile editors/neovim/interop.lua'
--
-- Environment:
--   PIANO_BIN      the piano command (required)
--   PIANO_PLAN     the plan, copied into a work folder (default examples/modena-2021.plan)
--   PIANO_DATA     its data file, copied beside it (default examples/modena-2021-actuals.yaml)
--   PIANO_YEAR     the year that scores (default 2021)
--   PIANO_DRIVER   a driver used in a formula of the plan (default D1.1_2)
--   PIANO_NODE     an indicator that scores with the data (default 301.S1)
--   PIANO_WORKDIR  an empty folder to work in (default a fresh temporary folder)
--   PIANO_TIMEOUT  milliseconds before the run gives up (default 30000)
-- Run from the repository's root for the defaults.

local api = vim.api

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then
    return default
  end
  return v
end

local bin = env('PIANO_BIN', nil)
local plan_src = env('PIANO_PLAN', 'examples/modena-2021.plan')
local data_src = env('PIANO_DATA', 'examples/modena-2021-actuals.yaml')
local year = tonumber(env('PIANO_YEAR', '2021'))
local driver = env('PIANO_DRIVER', 'D1.1_2')
local node = env('PIANO_NODE', '301.S1')
local timeout = tonumber(env('PIANO_TIMEOUT', '30000'))
local wait_ms = 5000 -- for one answer or one round of diagnostics

local failures = 0

-- known names the checks that fail for a reason found and reported but not
-- fixed yet: their failure is printed and does not fail the run; their
-- passing does, so that the entry is removed once the cause is fixed.
local known = {}

local function out(s)
  io.stdout:write(s, '\n')
  io.stdout:flush()
end

local function pass(name, what)
  out('PASS ' .. name .. ': ' .. what)
  if known[name] then
    failures = failures + 1
    out('FAIL ' .. name .. ': passes now; remove it from the known failures in interop.lua')
  end
end

local function fail(name, why)
  if known[name] then
    out('FAIL ' .. name .. ' (known: ' .. known[name] .. '): ' .. why)
    return
  end
  failures = failures + 1
  out('FAIL ' .. name .. ': ' .. why)
end

-- finish leaves Neovim with the status of the run.
local function finish()
  if failures > 0 then
    out(string.format('%d check(s) failed', failures))
    vim.cmd('cquit 1')
  end
  out('all checks passed')
  vim.cmd('qall!')
end

-- The run never hangs: past the deadline it fails whatever it is doing.
vim.defer_fn(function()
  fail('timeout', string.format('the run took more than %d ms', timeout))
  vim.cmd('cquit 1')
end, timeout)

local function read(path)
  local f = assert(io.open(path, 'rb'))
  local s = f:read('*a')
  f:close()
  return s
end

local function write(path, text)
  local f = assert(io.open(path, 'wb'))
  f:write(text)
  f:close()
end

-- piano runs the piano command and returns its standard output (without
-- its standard error, where warnings go) and its exit status.
local function piano(args, input)
  local cmd = { bin }
  vim.list_extend(cmd, args)
  local stdout, stderr
  local job = vim.fn.jobstart(cmd, {
    stdout_buffered = true,
    stderr_buffered = true,
    on_stdout = function(_, d) stdout = d end,
    on_stderr = function(_, d) stderr = d end,
  })
  assert(job > 0, 'cannot run ' .. bin)
  vim.fn.chansend(job, input or '')
  vim.fn.chanclose(job, 'stdin')
  local status = vim.fn.jobwait({ job }, wait_ms)[1]
  assert(status >= 0, string.format('%s %s: no exit within %d ms', bin, table.concat(args, ' '), wait_ms))
  vim.wait(wait_ms, function() return stdout ~= nil and stderr ~= nil end) -- the buffered output may come after the exit
  return table.concat(stdout, '\n'), status, table.concat(stderr, '\n')
end

-- byte_col is the 0-based byte column of a 1-based column counted in
-- characters, as piano check counts them.
local function byte_col(line, col)
  return vim.str_byteindex(line, col - 1)
end

-- find returns the first line (1-based) that matches pattern, and the match.
local function find(lines, pattern)
  for i, l in ipairs(lines) do
    local m = l:match(pattern)
    if m then
      return i, m
    end
  end
end

local function word(name)
  return '%f[%w_.]' .. vim.pesc(name) .. '%f[^%w_.]'
end

local function main()
  assert(bin, 'set PIANO_BIN to the piano command')
  assert(vim.lsp.start_client, 'this Neovim has no built-in LSP client')

  -- The work folder: a copy of the plan and its data, and the client's
  -- settings (init_options) naming them, relative to the plan's folder.
  local dir = env('PIANO_WORKDIR', nil)
  if not dir then
    dir = vim.fn.tempname()
    vim.fn.mkdir(dir, 'p')
  end
  dir = vim.fn.fnamemodify(dir, ':p'):gsub('/$', '')
  local plan = dir .. '/' .. vim.fn.fnamemodify(plan_src, ':t')
  local data = vim.fn.fnamemodify(data_src, ':t')
  write(plan, read(plan_src))
  write(dir .. '/' .. data, read(data_src))

  -- What piano check says of the same file.
  local checked, status = piano({ 'check', '--format', 'json', plan })
  local ok, want = pcall(vim.json.decode, checked)
  assert(ok and type(want) == 'table' and want.diagnostics,
    string.format('piano check --format json (exit %d): %s', status, checked))

  -- A user's configuration: .plan files are of filetype plan, and a
  -- buffer of that filetype starts (or joins) the piano language server.
  vim.g.do_filetype_lua = 1 -- Neovim 0.7: vim.filetype.add needs it
  vim.filetype.add({ extension = { plan = 'plan' } })
  vim.cmd('filetype on')
  local client_id, exit_code, errors = nil, nil, {}
  api.nvim_create_autocmd('FileType', {
    pattern = 'plan',
    callback = function(args)
      client_id = client_id or vim.lsp.start_client({
        name = 'piano',
        cmd = { bin, 'lsp' },
        root_dir = dir,
        init_options = { data = { data }, year = year },
        on_exit = function(code) exit_code = code end,
        on_error = function(code, err) table.insert(errors, vim.lsp.rpc.client_errors[code] .. ': ' .. vim.inspect(err)) end,
      })
      vim.lsp.buf_attach_client(args.buf, client_id)
    end,
  })

  vim.cmd('edit ' .. vim.fn.fnameescape(plan))
  local buf = api.nvim_get_current_buf()
  if vim.bo[buf].filetype == 'plan' then
    pass('filetype', vim.fn.fnamemodify(plan, ':t') .. ' has filetype plan')
  else
    fail('filetype', string.format('%s has filetype %q, want plan', plan, vim.bo[buf].filetype))
  end
  assert(client_id, 'no client was started for the plan')
  local client
  vim.wait(wait_ms, function()
    client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized and vim.lsp.buf_is_attached(buf, client_id)
  end, 10)
  assert(client and client.initialized, 'the server did not answer initialize: ' .. table.concat(errors, '; '))
  pass('initialize', string.format('%s attached, position encoding %s', client.name, client.offset_encoding))

  local lines = api.nvim_buf_get_lines(buf, 0, -1, false)

  local function diagnostics()
    return vim.diagnostic.get(buf, { namespace = vim.lsp.diagnostic.get_namespace(client_id) })
  end

  local function by_code(ds, code)
    local found = {}
    for _, d in ipairs(ds) do
      if d.code == code then
        table.insert(found, d)
      end
    end
    return found
  end

  -- first_line is the first line of a diagnostic's message: piano check's
  -- message; the detail and the hint follow it.
  local function first_line(s)
    return (s:gsub('\n.*', ''))
  end

  -- same tells whether Neovim's diagnostic d is piano check's w, at the
  -- same place with the same code, severity and message.
  local function same(d, w, text)
    local severity = w.severity == 'warning' and vim.diagnostic.severity.WARN or vim.diagnostic.severity.ERROR
    return d.code == w.code and d.severity == severity
      and d.lnum == w.line - 1 and d.col == byte_col(text[w.line], w.column)
      and d.end_lnum == w['end'].line - 1 and d.end_col == byte_col(text[w['end'].line], w['end'].column)
      and first_line(d.message) == w.message
      and (w.hint == nil or d.message:find('hint: ' .. w.hint, 1, true) ~= nil)
  end

  local function show(d)
    return string.format('%d:%d %s %q', d.lnum + 1, d.col + 1, tostring(d.code), first_line(d.message))
  end

  -- unlike lists piano check's diagnostics (wanted) that Neovim does not
  -- show (got) alike.
  local function unlike(got, wanted, text)
    local missing = {}
    for _, w in ipairs(wanted) do
      local found = false
      for _, g in ipairs(got) do
        found = found or same(g, w, text)
      end
      if not found then
        table.insert(missing, string.format('%d:%d %s', w.line, w.column, w.code))
      end
    end
    return missing
  end

  -- check_lines is what piano check says of a text, as a file beside the plan.
  local function check_lines(text)
    local path = dir .. '/edited.plan'
    write(path, table.concat(text, '\n') .. '\n')
    local checked_edit = piano({ 'check', '--format', 'json', path })
    os.remove(path)
    return vim.json.decode(checked_edit).diagnostics
  end

  -- settle waits until Neovim shows what piano check says of text, and
  -- returns what it shows (got), what piano check says (wanted) and what
  -- of that Neovim does not show alike (missing).
  local function settle(text)
    local wanted = check_lines(text)
    local got
    vim.wait(wait_ms, function()
      got = diagnostics()
      return #got == #wanted and #unlike(got, wanted, text) == 0
    end, 10)
    return got, wanted, unlike(got, wanted, text)
  end

  -- (a) The diagnostics arrive, and they are piano check's: the W204
  -- warning, and every other one, at the same line and column.
  local w204 = by_code(want.diagnostics, 'W204')[1]
  if not w204 then
    fail('a diagnostics', 'piano check reports no W204 for ' .. plan_src .. '; the check needs one')
  else
    vim.wait(wait_ms, function() return #by_code(diagnostics(), 'W204') > 0 end, 10)
    local got = diagnostics()
    local d = by_code(got, 'W204')[1]
    if not d then
      fail('a diagnostics', string.format('no W204 among the %d diagnostics Neovim shows', #got))
    elseif not same(d, w204, lines) then
      fail('a diagnostics', string.format('W204 is %s, piano check says %d:%d %q', show(d), w204.line, w204.column, w204.message))
    else
      local missing = unlike(got, want.diagnostics, lines)
      if #missing > 0 or #got ~= #want.diagnostics then
        fail('a diagnostics', string.format('Neovim shows %d, piano check %d; not shown alike: %s',
          #got, #want.diagnostics, table.concat(missing, ', ')))
      else
        pass('a diagnostics', string.format('%s; all %d diagnostics of piano check, same code, severity, line, column and message',
          show(d), #got))
      end
    end
  end

  -- The probe: the driver's declaration and its first use in a formula.
  local decl, description = find(lines, '^%s*driver%s+' .. vim.pesc(driver) .. '%s+"(.-)"')
  local use_line = find(lines, '^%s*formula%s.*' .. word(driver))
  assert(decl and use_line, string.format('%s has no driver %s used in a formula', plan_src, driver))
  local use_col = lines[use_line]:find(word(driver)) - 1 -- 0-based byte column
  local function at(line, col) -- 1-based line, 0-based byte column
    api.nvim_win_set_cursor(0, { line, col })
    return vim.lsp.util.make_position_params()
  end
  local function request(method, params)
    local r, err = client.request_sync(method, params, wait_ms, buf)
    if not r then
      return nil, 'no answer: ' .. tostring(err)
    end
    if r.err then
      return nil, 'error: ' .. vim.inspect(r.err)
    end
    return r.result
  end

  -- (b) An edit through the buffer: the driver misspelt in the formula.
  -- Neovim sends the change; the server's error must be piano check's for
  -- the edited text, did-you-mean and all; undo clears it.
  do
    local typo = driver .. 'x'
    api.nvim_buf_set_text(buf, use_line - 1, use_col, use_line - 1, use_col + #driver, { typo })
    local edited = api.nvim_buf_get_lines(buf, 0, -1, false)
    local errs = {}
    for _, w in ipairs(check_lines(edited)) do
      if w.severity == 'error' then
        table.insert(errs, w)
      end
    end
    local e = errs[1]
    if not e then
      fail('b edit', 'piano check finds no error in the edited plan')
    else
      local shown
      vim.wait(wait_ms, function()
        for _, d in ipairs(diagnostics()) do
          if same(d, e, edited) then
            shown = d
          end
        end
        return shown ~= nil
      end, 10)
      if not shown then
        local got = {}
        for _, d in ipairs(diagnostics()) do
          if d.severity == vim.diagnostic.severity.ERROR then
            table.insert(got, show(d))
          end
        end
        fail('b edit', string.format('after writing %s, no %d:%d %s %q (hint %q); Neovim shows errors: %s',
          typo, e.line, e.column, e.code, e.message, tostring(e.hint), table.concat(got, '; ')))
      elseif not (e.hint or ''):find('did you mean ' .. driver, 1, true) then
        fail('b edit', string.format('%s is shown but its hint %q does not offer %s', show(shown), tostring(e.hint), driver))
      else
        vim.cmd('silent undo')
        local cleared = vim.wait(wait_ms, function()
          for _, d in ipairs(diagnostics()) do
            if d.severity == vim.diagnostic.severity.ERROR then
              return false
            end
          end
          return #by_code(diagnostics(), 'W204') > 0
        end, 10)
        local back = vim.deep_equal(api.nvim_buf_get_lines(buf, 0, -1, false), lines)
        if not back then
          fail('b edit', 'undo did not give the text back')
        elseif not cleared then
          fail('b edit', string.format('%s is still shown after undo', show(shown)))
        else
          pass('b edit', string.format('%s → %s (hint: %s), gone after undo', typo, show(shown), e.hint))
        end
      end
    end
  end

  -- (b, continued) The did-you-mean quick fix, as a user takes it: the same typo,
  -- vim.lsp.buf.code_action() on it, the fix chosen from the menu
  -- (vim.ui.select); Neovim applies the edit and the error goes away.
  do
    local typo = driver .. 'x'
    api.nvim_buf_set_text(buf, use_line - 1, use_col, use_line - 1, use_col + #driver, { typo })
    local shown = vim.wait(wait_ms, function()
      for _, d in ipairs(diagnostics()) do
        if d.severity == vim.diagnostic.severity.ERROR and d.lnum == use_line - 1 then
          return true
        end
      end
      return false
    end, 10)
    local titles, chosen
    local select = vim.ui.select
    vim.ui.select = function(items, opts, on_choice)
      titles = {}
      for _, item in ipairs(items) do
        local title = opts.format_item(item)
        table.insert(titles, title)
        if not chosen and title:find(driver, 1, true) then
          chosen = title
          on_choice(item)
        end
      end
      if not chosen then
        on_choice(nil)
      end
    end
    api.nvim_win_set_cursor(0, { use_line, use_col + 1 })
    vim.lsp.buf.code_action()
    vim.wait(wait_ms, function() return titles ~= nil end, 10)
    vim.ui.select = select
    local fixed = vim.deep_equal(api.nvim_buf_get_lines(buf, 0, -1, false), lines)
    local cleared = fixed and vim.wait(wait_ms, function()
      for _, d in ipairs(diagnostics()) do
        if d.severity == vim.diagnostic.severity.ERROR then
          return false
        end
      end
      return true
    end, 10)
    if not shown then
      fail('b quick fix', 'no error shown after writing ' .. typo)
    elseif not titles then
      fail('b quick fix', 'vim.lsp.buf.code_action() offered no menu')
    elseif not chosen then
      fail('b quick fix', string.format('no action names %s: {%s}', driver, table.concat(titles, '; ')))
    elseif not fixed then
      fail('b quick fix', string.format('after %q line %d is %q', chosen, use_line, api.nvim_buf_get_lines(buf, use_line - 1, use_line, false)[1]))
    elseif not cleared then
      fail('b quick fix', 'the error is still shown after the fix')
    else
      pass('b quick fix', string.format('%s → menu {%s}; %q applied by Neovim gives the text back, no error', typo,
        table.concat(titles, '; '), chosen))
    end
    api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  end

  -- (b, continued) Edits after non-ASCII text, whose place Neovim sends in
  -- UTF-16 units: words typed into an area's name after its "à", then the
  -- area's weight changed. The server's copy must stay the buffer's: its
  -- diagnostics are piano check's for the buffer (the weights' new sum), its
  -- hover has the new name, and formatting sends no edit, as piano fmt.
  do
    local line = find(lines, '^area%s.*[\128-\255].*"%s+weight%s+[%d.]+%%')
    if not line then
      fail('b sync', 'no area line with non-ASCII text in ' .. plan_src)
    else
      local l = lines[line]
      local first = l:find('[\128-\255]') -- the first non-ASCII character, 1-based
      local after = first + #l:sub(first):match('^[\128-\255][\128-\191]*') - 1 -- 0-based byte column after it
      local typed = ' è più'
      api.nvim_buf_set_text(buf, line - 1, after, line - 1, after, { typed })
      local now = api.nvim_buf_get_lines(buf, line - 1, line, false)[1]
      local w0, w1 = now:find('[%d.]+%%')
      local weight = now:sub(w0, w1 - 1)
      local new_weight = weight:sub(1, -2) .. (weight:sub(-1) == '9' and '8' or '9')
      api.nvim_buf_set_text(buf, line - 1, w0 - 1, line - 1, w1 - 1, { new_weight })
      local edited = api.nvim_buf_get_lines(buf, 0, -1, false)
      local name = edited[line]:match('"(.-)"')
      local got, wanted, missing = settle(edited)
      local hover = request('textDocument/hover', at(line, edited[line]:find(' ') + 0))
      local hover_text = hover and hover.contents and hover.contents.value or ''
      local edits, err = request('textDocument/formatting', vim.lsp.util.make_formatting_params())
      local where = string.format('%q at %d:%d and weight %s → %s', typed, line, after + 1, weight, new_weight)
      local new = {}
      for _, w in ipairs(wanted) do
        if w.line == line then
          table.insert(new, w.code .. ' ' .. w.message)
        end
      end
      if #new == 0 then
        fail('b sync', where .. ': piano check finds nothing on the line; the check needs a diagnostic there')
      elseif #missing > 0 or #got ~= #wanted then
        fail('b sync', string.format('after %s Neovim shows %d diagnostics, piano check %d; not alike: %s',
          where, #got, #wanted, table.concat(missing, ', ')))
      elseif not hover_text:find(name, 1, true) then
        fail('b sync', string.format('after %s the hover on area %s lacks its name %q: %q', where, edited[line]:match('^area%s+(%S+)'), name, hover_text))
      elseif err or (edits and #edits > 0) then
        fail('b sync', string.format('after %s formatting sends %s', where, err or (#edits .. ' edit(s)')))
      else
        pass('b sync', string.format('%s: the %d diagnostics of piano check (%s), the hover names %q, no formatting edit',
          where, #got, table.concat(new, '; '), name))
      end
      api.nvim_buf_set_lines(buf, 0, -1, false, lines)
    end
  end

  -- (c) Hover on the driver in the formula gives its description.
  do
    local r, err = request('textDocument/hover', at(use_line, use_col + 1))
    local text = r and r.contents and (r.contents.value or r.contents) or ''
    if type(text) ~= 'string' then
      text = vim.inspect(text)
    end
    if not r then
      fail('c hover', err or 'no hover')
    elseif not text:find(description, 1, true) then
      fail('c hover', string.format('hover on %s at %d:%d lacks its description %q: %q', driver, use_line, use_col + 2, description, text))
    else
      pass('c hover', string.format('on %s at %d:%d: %q', driver, use_line, use_col + 2, description))
    end
  end

  -- (d) Go to definition, as Neovim jumps: the cursor lands on the
  -- driver's declaration.
  do
    local r, err = request('textDocument/definition', at(use_line, use_col + 1))
    local loc = r and (r[1] or r)
    if not loc or not (loc.uri or loc.targetUri) then
      fail('d definition', err or ('no location: ' .. vim.inspect(r)))
    else
      vim.lsp.util.jump_to_location(loc, client.offset_encoding)
      local cur = api.nvim_win_get_cursor(0)
      if api.nvim_get_current_buf() ~= buf or cur[1] ~= decl then
        fail('d definition', string.format('jumped to %s:%d, want %s:%d', api.nvim_buf_get_name(0), cur[1], plan, decl))
      elseif not lines[decl]:sub(cur[2] + 1):find('^' .. vim.pesc(driver)) then
        fail('d definition', string.format('jumped to %d:%d, not on the code %s: %q', cur[1], cur[2] + 1, driver, lines[decl]))
      else
        pass('d definition', string.format('%s at %d:%d → declaration %d:%d', driver, use_line, use_col + 2, cur[1], cur[2] + 1))
      end
    end
  end

  -- (d, continued) Find references, as Neovim lists them (the quickfix
  -- list): the declaration and every use of the driver outside comments.
  do
    local want_places = {}
    for i, l in ipairs(lines) do
      local code_part = l:gsub('^%s*//.*', '')
      local from = 1
      while true do
        local a = code_part:find(word(driver), from)
        if not a then
          break
        end
        table.insert(want_places, string.format('%d:%d', i, a))
        from = a + #driver
      end
    end
    vim.fn.setqflist({}, 'r')
    api.nvim_win_set_cursor(0, { use_line, use_col + 1 })
    vim.lsp.buf.references({ includeDeclaration = true })
    vim.wait(wait_ms, function() return #vim.fn.getqflist() > 0 end, 10)
    local items = vim.fn.getqflist()
    vim.cmd('cclose')
    api.nvim_set_current_buf(buf)
    local got_places = {}
    for _, item in ipairs(items) do
      table.insert(got_places, string.format('%d:%d', item.lnum, item.col))
    end
    local listed = table.concat(got_places, ', ') -- in Neovim's order
    table.sort(got_places)
    table.sort(want_places)
    if not vim.deep_equal(got_places, want_places) then
      fail('d references', string.format('the quickfix list has {%s}, the plan has %s at {%s}', table.concat(got_places, ', '),
        driver, table.concat(want_places, ', ')))
    else
      pass('d references', string.format('the quickfix list has %s at %s', driver, listed))
    end
  end

  -- (e) Formatting gives what piano fmt gives: no edit for the formatted
  -- plan; after spacing is spoilt on a line with non-ASCII text, edits that
  -- Neovim applies into piano fmt's text.
  do
    local _, fmt_status = piano({ 'fmt', '--check', plan })
    local r, err = request('textDocument/formatting', vim.lsp.util.make_formatting_params())
    if err then
      fail('e formatting', err)
    elseif fmt_status == 0 and r ~= nil and #r > 0 then
      fail('e formatting', string.format('piano fmt --check passes, but the server sends %d edit(s): %s', #r, vim.inspect(r[1])))
    elseif fmt_status ~= 0 and (r == nil or #r == 0) then
      fail('e formatting', string.format('piano fmt --check exits %d, but the server sends no edit', fmt_status))
    else
      local line = find(lines, '^%s*area%s.*[\128-\255].*"%s+weight')
      if not line then
        fail('e formatting', 'no area line with non-ASCII text in ' .. plan_src)
      else
        local spoilt = lines[line]:gsub('"(%s+)weight', '"   weight'):gsub('^%s*', '  ')
        api.nvim_buf_set_lines(buf, line - 1, line, false, { spoilt })
        local before = table.concat(api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
        local formatted, st = piano({ 'fmt' }, before)
        local edits, err2 = request('textDocument/formatting', vim.lsp.util.make_formatting_params())
        if err2 or st ~= 0 then
          fail('e formatting', err2 or ('piano fmt exits ' .. st))
        elseif not edits or #edits == 0 then
          fail('e formatting', 'no edit for a spoilt line ' .. line)
        else
          vim.lsp.util.apply_text_edits(edits, buf, client.offset_encoding)
          local after = table.concat(api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
          if after ~= formatted then
            fail('e formatting', string.format('after %d edit(s) line %d is %q, piano fmt writes %q', #edits, line,
              api.nvim_buf_get_lines(buf, line - 1, line, false)[1], vim.split(formatted, '\n')[line]))
          else
            pass('e formatting', string.format('no edit for the formatted plan, as piano fmt --check; %d edit(s) for spoilt line %d, applied by Neovim = piano fmt',
              #edits, line))
          end
        end
        api.nvim_buf_set_lines(buf, 0, -1, false, lines)
      end
    end
  end

  -- (f) Completion inside the formula, after the driver's first characters:
  -- the plan's drivers that start with them. First the server's answer at
  -- that position; then what Neovim's menu shows when the user types them
  -- and asks for omni completion (vim.lsp.omnifunc), and what it inserts.
  local prefix = driver:sub(1, #driver - 1)
  local want_codes = {}
  for _, l in ipairs(lines) do
    local code = l:match('^%s*driver%s+([^%s`]+)')
    if code and code:sub(1, #prefix) == prefix then
      table.insert(want_codes, code)
    end
  end
  table.sort(want_codes)
  do
    local r, err = request('textDocument/completion', at(use_line, use_col + #prefix))
    local got = {}
    for _, item in ipairs(vim.lsp.util.extract_completion_items(r or {})) do
      table.insert(got, item.label)
    end
    table.sort(got)
    if not r then
      fail('f completion', err or 'no completion')
    elseif not vim.deep_equal(got, want_codes) then
      fail('f completion', string.format('after %q the server offers {%s}, the plan declares {%s}', prefix,
        table.concat(got, ', '), table.concat(want_codes, ', ')))
    else
      pass('f completion', string.format('after %q at %d:%d the server offers %s', prefix, use_line, use_col + #prefix + 1,
        table.concat(got, ', ')))
    end
  end
  do
    vim.bo[buf].omnifunc = 'v:lua.vim.lsp.omnifunc'
    vim.o.showmode = false
    vim.opt.shortmess:append('c') -- no "match 1 of 4" or "Pattern not found"
    local typed = ' + ' .. prefix
    local shown, menu_error
    local started = vim.loop.now()
    local timer = vim.loop.new_timer()
    -- Insert mode waits for keys; the timer looks at the menu meanwhile,
    -- then accepts the selected entry and leaves insert mode.
    timer:start(20, 20, vim.schedule_wrap(function()
      -- vim.lsp.omnifunc answers -2, then calls complete() with the
      -- server's items (the mode becomes "eval"), even with none.
      local ok, info = pcall(vim.fn.complete_info, { 'items', 'mode' })
      if not ok then
        menu_error = info
      end
      if ok and info.mode ~= 'eval' and vim.loop.now() - started < wait_ms then
        return
      end
      timer:stop()
      timer:close()
      shown = {}
      for _, item in ipairs(ok and info.items or {}) do
        table.insert(shown, item.word)
      end
      api.nvim_feedkeys(api.nvim_replace_termcodes('<C-y><Esc>', true, false, true), 't', false)
    end))
    api.nvim_win_set_cursor(0, { use_line, 0 })
    api.nvim_feedkeys(api.nvim_replace_termcodes('A' .. typed .. '<C-x><C-o>', true, false, true), 'x!', false)
    local line = api.nvim_get_current_line()
    vim.cmd('silent undo')
    local back = vim.deep_equal(api.nvim_buf_get_lines(buf, 0, -1, false), lines)
    table.sort(shown or {})
    local accepted = line:sub(#lines[use_line] + 4)
    if menu_error or not shown then
      fail('f omnifunc', tostring(menu_error or 'no menu'))
    elseif not back then
      fail('f omnifunc', 'undo did not give the text back')
    elseif not vim.deep_equal(shown, want_codes) then
      fail('f omnifunc', string.format('after typing %q the menu shows {%s}, the plan declares {%s}', prefix,
        table.concat(shown, ', '), table.concat(want_codes, ', ')))
    elseif not vim.tbl_contains(want_codes, accepted) then
      fail('f omnifunc', string.format('accepting the first entry gives %q', line))
    else
      pass('f omnifunc', string.format('typing %q, the menu shows %s; accepting gives %q', prefix,
        table.concat(shown, ', '), vim.trim(line)))
    end
  end

  -- score_of is node's score for the year as piano eval computes it.
  local function score_of(code)
    local evaluated = piano({ 'eval', plan, '--data', dir .. '/' .. data, '--year', tostring(year), '--format', 'json' })
    local function lookup(nodes)
      for _, n in ipairs(nodes or {}) do
        if n.code == code then
          return n
        end
        local m = lookup(n.children)
        if m then
          return m
        end
      end
    end
    local ok, result = pcall(vim.json.decode, evaluated)
    local n = ok and lookup(result.nodes)
    return n and type(n.score) == 'number' and n.score or nil
  end

  -- lens_on is the code lens Neovim shows on a line (1-based) once it asks
  -- for them again, as `autocmd ... lua vim.lsp.codelens.refresh()` does.
  local lens_ns = api.nvim_create_namespace('vim_lsp_codelens:' .. client_id)
  local function lens_on(line)
    api.nvim_buf_clear_namespace(buf, lens_ns, 0, -1)
    vim.lsp.codelens.refresh()
    local shown
    vim.wait(wait_ms, function()
      local marks = api.nvim_buf_get_extmarks(buf, lens_ns, { line - 1, 0 }, { line - 1, -1 }, { details = true })
      for _, m in ipairs(marks) do
        for _, chunk in ipairs(m[4].virt_text or {}) do
          shown = chunk[1]
        end
      end
      return shown ~= nil
    end, 10)
    return shown
  end

  -- (g) With data configured, the code lens Neovim shows on the indicator
  -- holds its score as piano eval computes it, and so does the hover.
  local node_line = find(lines, '^%s*indicator%s+' .. vim.pesc(node) .. '%s')
  local node_score = score_of(node)
  local score = node_score and string.format('score %d: %.2f%%', year, node_score)
  do
    if not node_score or not node_line then
      fail('g score', string.format('piano eval gives no score for %s, or the plan has no such indicator', node))
    else
      local shown = lens_on(node_line)
      local hover = request('textDocument/hover', at(node_line, lines[node_line]:find(vim.pesc(node)) - 1))
      local hover_text = hover and hover.contents and hover.contents.value or ''
      if not shown then
        fail('g score', string.format('no code lens shown on line %d (indicator %s)', node_line, node))
      elseif not shown:find(score, 1, true) then
        fail('g score', string.format('the lens on %s reads %q; piano eval: %s', node, shown, score))
      elseif not hover_text:find(string.format('%.2f%%', node_score), 1, true) then
        fail('g score', string.format('the lens reads %q but the hover on %s lacks %.2f%%: %q', shown, node, node_score, hover_text))
      else
        pass('g score', string.format('lens on %s (line %d) reads %q, as piano eval; the hover too', node, node_line, shown))
      end
    end
  end

  -- (h) Rename, as a user does it (vim.lsp.buf.rename): the driver renamed
  -- at its use in a formula; Neovim applies the edit to the plan and to the
  -- data file (which it opens), the user writes all (:wall); the score is
  -- the same, in the lens and for piano eval, and no diagnostic changes.
  do
    local new_code = driver .. 'bis'
    -- count is how often code stands in text outside comments (which
    -- rename leaves alone): // and # comments in a plan, # in YAML.
    local function count(text, code)
      local n = 0
      for _, l in ipairs(text) do
        for _ in l:gsub('^%s*//.*', ''):gsub('#.*', ''):gmatch(word(code)) do
          n = n + 1
        end
      end
      return n
    end
    local data_path = dir .. '/' .. data
    local data_lines = vim.split(read(data_path), '\n', { plain = true })
    local before_plan, before_data = count(lines, driver), count(data_lines, driver)
    api.nvim_win_set_cursor(0, { use_line, use_col + 1 })
    vim.lsp.buf.rename(new_code)
    local renamed = vim.wait(wait_ms, function() return count(api.nvim_buf_get_lines(buf, 0, -1, false), driver) == 0 end, 10)
    local data_buf = vim.fn.bufnr(data_path)
    vim.cmd('silent wall')
    local plan_after = api.nvim_buf_get_lines(buf, 0, -1, false)
    local data_after = vim.split(read(data_path), '\n', { plain = true })
    local after_score = score_of(node)
    local shown = renamed and node_line and lens_on(node_line)
    local got, wanted, missing = settle(plan_after)
    if not renamed then
      fail('h rename', string.format('%s is still in the plan after vim.lsp.buf.rename(%q)', driver, new_code))
    elseif count(plan_after, new_code) ~= before_plan then
      fail('h rename', string.format('the plan has %s %d times, %s had %d', new_code, count(plan_after, new_code), driver, before_plan))
    elseif data_buf < 0 or count(data_after, driver) ~= 0 or count(data_after, new_code) ~= before_data then
      fail('h rename', string.format('the data file (buffer %d) has %s %d times and %s %d times, want 0 and %d', data_buf, driver,
        count(data_after, driver), new_code, count(data_after, new_code), before_data))
    elseif after_score ~= node_score then
      fail('h rename', string.format('piano eval scores %s %s after the rename, %s before', node, tostring(after_score), tostring(node_score)))
    elseif not shown or not shown:find(score, 1, true) then
      fail('h rename', string.format('the lens on %s reads %q after the rename; piano eval: %s', node, tostring(shown), score))
    elseif #got ~= #wanted or #missing > 0 or #wanted ~= #want.diagnostics then
      fail('h rename', string.format('after the rename Neovim shows %d diagnostics, piano check %d (%d before)', #got, #wanted, #want.diagnostics))
    else
      pass('h rename', string.format('%s → %s: %d place(s) in the plan, %d in %s (opened by Neovim, written by :wall); the lens still reads %q, as piano eval; the %d diagnostics of piano check',
        driver, new_code, before_plan, before_data, data, shown, #got))
    end
  end

  -- The server leaves when Neovim stops it, cleanly.
  client.stop()
  vim.wait(wait_ms, function() return exit_code ~= nil end, 10)
  if exit_code ~= 0 then
    fail('shutdown', 'the server exited with ' .. tostring(exit_code))
  elseif #errors > 0 then
    fail('shutdown', 'client errors: ' .. table.concat(errors, '; '))
  else
    pass('shutdown', 'the server exits 0 after shutdown and exit; no client error')
  end
  if not env('PIANO_WORKDIR', nil) then
    vim.fn.delete(dir, 'rf')
  end
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  fail('run', tostring(err))
end
finish()
