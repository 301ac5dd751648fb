-- A run-in heading (class run-in) and the paragraph after it print as one block, for the HTML
-- that is laid out (PDF) or read (the html format): both inline in a div.run-in-block, so the
-- next run-in heading starts a line of its own, and with nothing between them (the line break
-- pandoc writes between two blocks would print as a gap). The heading keeps its tag, level,
-- identifier and classes (PDF bookmarks and links come from them); its text and the
-- paragraph's are written by pandoc as usual.
local function escaped(text)
  return (text:gsub("&", "&amp;"):gsub('"', "&quot;"):gsub("<", "&lt;"))
end

local function run_in_block(header, para)
  local tag = "h" .. header.level
  local open = "<" .. tag .. ' class="' .. escaped(table.concat(header.classes, " ")) .. '"'
  if header.identifier ~= "" then
    open = open .. ' id="' .. escaped(header.identifier) .. '"'
  end
  local inlines = pandoc.Inlines({ pandoc.RawInline("html", open .. ">") })
  inlines:extend(header.content)
  inlines:insert(pandoc.RawInline("html", "</" .. tag .. "><p>"))
  inlines:extend(para.content)
  inlines:insert(pandoc.RawInline("html", "</p>"))
  return pandoc.Div({ pandoc.Plain(inlines) }, pandoc.Attr("", { "run-in-block" }))
end

function Blocks(blocks)
  local out = pandoc.List()
  local i = 1
  while i <= #blocks do
    local block, after = blocks[i], blocks[i + 1]
    if block.t == "Header" and block.classes:includes("run-in") and after and after.t == "Para" then
      out:insert(run_in_block(block, after))
      i = i + 2
    else
      out:insert(block)
      i = i + 1
    end
  end
  return out
end
