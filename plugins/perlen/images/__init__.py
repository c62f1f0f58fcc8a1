"""Images: what a post shows is published processed, never as the camera took it.

A stage of its own between `content` (which reads a post and, through the
Markdown extension `images.markdown`, writes `<picture>` markup for its
images) and `text` (which sets the typography of captions). It imports only
from `text`, `settings` and `problems`; the Pelican glue that collects every
post's images and writes the variants lives a floor up, in `site.pictures`.

- `source`: reads and checks a writer's file (size, corruption, HEIC, SVG
  scripts) without decoding it;
- `svg`: whether an SVG is safe to publish, parsed as XML;
- `variants`: the widths and formats published of one image, and their names;
- `encode`: orientation, sRGB, no metadata, resizing, AVIF/WebP/JPEG/PNG;
- `store`: the cache by content hash and settings, and parallel encoding;
- `markup`: `<picture>` with `srcset`, `sizes`, `width`/`height`, lazy loading;
- `markdown`: the Markdown extension (`<figure>` for images with a caption);
- `social_card`: the generated 1200×630 preview for posts without Titelbild.
"""
