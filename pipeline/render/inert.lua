-- Untrusted documents never make pandoc fetch anything: images become their alt text.
-- (Every run that parses a document also has --sandbox; see pandoc.py.)
function Image(el)
  return el.caption
end
