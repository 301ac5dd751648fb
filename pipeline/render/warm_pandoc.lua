-- A pandoc kept running by a worker: requests on stdin, answers on stdout (warm_pandoc.py).
--
-- A request is a line "<n>" then n bytes of JSON; the answer is "ok <n>" or "error <n>", a
-- newline, then n bytes (the output, or the reason). It does what the per-call runs of
-- pandoc.py do, with the same options:
--   read:  Markdown body + metadata (the JSON the project wrote) -> the format asked for,
--          through the project's Lua filters; the text is parsed sandboxed (no file reads);
--   write: a document tree the project checked (pandoc.py: nothing that reads a file) ->
--          a binary format written to `out`, with the project's own files (reference
--          document, CSS, fonts, cover).
-- Nothing kept from one request to the next: the media bag is emptied before each.

local MARKDOWN = arg[1]
local SANDBOX = {} -- an empty ersatz file system: a reader that asks for a file gets none

local function json_meta(meta_json)
  -- What --metadata-file does: the file's values read as Markdown with the reader's
  -- extensions (the same YAML reader behind a front matter block).
  local block = "---\n" .. meta_json .. "\n---\n"
  return pandoc.read(block, MARKDOWN .. "+yaml_metadata_block", {}, SANDBOX).meta
end

local function variables(request)
  -- The template variables pandoc's command line sets for a run with these options.
  local vars = {
    sourcefile = { "-" },
    outputfile = request.out or "-",
    ["pandoc-version"] = tostring(PANDOC_VERSION),
    curdir = pandoc.system.get_working_directory(),
  }
  if request.css then
    vars.css = { request.css }
  end
  if request.cover then
    vars["epub-cover-image"] = request.cover
  end
  return vars
end

local function writer_options(request, format)
  -- Binary formats are always standalone: they get the format's default template.
  local standalone = format == "docx" or format:match("^epub") ~= nil
  local opts = { variables = variables(request) }
  if standalone then
    opts.template = pandoc.template.compile(pandoc.template.default(format))
  end
  if request.highlight == "none" then
    opts.highlight_method = "none"
  end
  if request.wrap then
    opts.wrap_text = request.wrap
  end
  if request.reference_doc then
    opts.reference_doc = request.reference_doc
  end
  if request.fonts then
    opts.epub_fonts = request.fonts
  end
  if request.title_page ~= nil then
    opts.epub_title_page = request.title_page
  end
  if request.split_level then
    opts.split_level = request.split_level
  end
  return pandoc.WriterOptions(opts), standalone
end

local function handle(request)
  pandoc.mediabag.empty()
  local doc
  if request.op == "read" then
    doc = pandoc.read(request.body, MARKDOWN, {}, SANDBOX)
    doc.meta = json_meta(request.meta)
    for _, filter in ipairs(request.filters) do
      doc = pandoc.utils.run_lua_filter(doc, filter)
    end
  elseif request.op == "write" then
    doc = pandoc.read(request.tree, "json")
  else
    error("unknown request " .. tostring(request.op))
  end
  local opts, standalone = writer_options(request, request.to)
  local output = pandoc.write(doc, request.to, opts)
  if request.out then
    local handle = assert(io.open(request.out, "wb"))
    handle:write(output)
    handle:close()
    return ""
  end
  if not standalone and output:sub(-1) ~= "\n" then
    output = output .. "\n" -- as the command line ends a text fragment
  end
  return output
end

io.stdout:setvbuf("full")
while true do
  local header = io.stdin:read("l")
  if header == nil then
    break -- the worker is gone
  end
  local request = pandoc.json.decode(io.stdin:read(tonumber(header)), false)
  local ok, result = pcall(handle, request)
  if not ok then
    result = tostring(result)
  end
  io.stdout:write((ok and "ok " or "error ") .. #result .. "\n", result)
  io.stdout:flush()
end
