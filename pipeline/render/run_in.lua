-- A run-in heading (class run-in) and the paragraph after it print as one block, for the HTML
-- that is laid out (PDF) or read (the html format): both inline in a div.run-in-block, so the
-- next run-in heading starts a line of its own, and with nothing between them (the line break
-- pandoc writes between two blocks would print as a gap).
local function run_in_block(header, para)
  local html = pandoc.write(pandoc.Pandoc({ header, para }), "html5")
  html = html:gsub("(</h%d>)%s+(<p)", "%1%2")
  return pandoc.RawBlock("html", '<div class="run-in-block">' .. html .. "</div>")
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
