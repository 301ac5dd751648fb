-- An ordered list prints its markers as the source wrote them ((1), a., 1)), in the text: the
-- HTML list would draw its own numbers (1.) and lose the source's style and delimiter, and the
-- PDF's text would then differ from the document's. Each item becomes the paragraphs it holds,
-- the first led by its marker, indented like any paragraph.
local function roman(n, upper)
  local numerals = { { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" },
    { 90, "xc" }, { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" },
    { 1, "i" } }
  local out = ""
  for _, pair in ipairs(numerals) do
    while n >= pair[1] do
      out = out .. pair[2]
      n = n - pair[1]
    end
  end
  return upper and out:upper() or out
end

local function number(n, style)
  if style == "LowerAlpha" then
    return string.char(96 + ((n - 1) % 26) + 1)
  elseif style == "UpperAlpha" then
    return string.char(64 + ((n - 1) % 26) + 1)
  elseif style == "LowerRoman" then
    return roman(n, false)
  elseif style == "UpperRoman" then
    return roman(n, true)
  end
  return tostring(n)
end

local function marker(n, style, delim)
  local text = number(n, style)
  if delim == "TwoParens" then
    return "(" .. text .. ")"
  elseif delim == "OneParen" then
    return text .. ")"
  end
  return text .. "."
end

function OrderedList(list)
  local out = pandoc.List()
  local n = list.start
  for _, item in ipairs(list.content) do
    local first = item[1]
    local lead = pandoc.Str(marker(n, list.style, list.delimiter))
    if first and (first.t == "Para" or first.t == "Plain") then
      first.content:insert(1, lead)
      out:insert(pandoc.Para(first.content))
      for i = 2, #item do
        out:insert(item[i])
      end
    else
      out:insert(pandoc.Para({ lead }))
      out:extend(item)
    end
    n = n + 1
  end
  return out
end
