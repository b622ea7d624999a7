//! Photo preparation: JPEG passed through as DCTDecode (header parsed here), PNG decoded
//! with the `png` crate and re-compressed as FlateDecode with an optional SMask.

use std::io::Cursor;

use miniz_oxide::deflate::compress_to_vec_zlib;

use super::BadgeError;

/// Largest accepted width or height of a photo, in pixels.
pub(crate) const MAX_SIDE: u32 = 10_000;
/// Largest accepted pixel count of a PNG photo (it is decoded in memory: at most
/// 4 bytes per pixel after normalisation, i.e. 100 MB).
pub(crate) const MAX_PIXELS: u64 = 25_000_000;
/// PNG photos larger than this on their longer side are box-downsampled by an integer
/// factor before embedding (the photo box is 35 × 45 mm: 1000 px is > 500 dpi).
pub(crate) const MAX_EMBED_SIDE: u32 = 1000;
/// zlib level for image and content streams.
pub(crate) const DEFLATE_LEVEL: u8 = 6;

/// Colour space of the embedded samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ColorSpace {
    Gray,
    Rgb,
    Cmyk,
}

/// Image data ready for an image XObject.
#[derive(Debug)]
pub(crate) enum PhotoData<'a> {
    /// The JPEG file itself, embedded with DCTDecode.
    Jpeg {
        data: &'a [u8],
        /// Adobe (Photoshop) CMYK JPEGs store inverted samples: write /Decode [1 0 …].
        inverted_cmyk: bool,
    },
    /// zlib-compressed 8-bit samples (FlateDecode), with optional compressed alpha.
    Flate {
        samples: Vec<u8>,
        alpha: Option<Vec<u8>>,
    },
}

/// A validated photo.
#[derive(Debug)]
pub(crate) struct Photo<'a> {
    /// Width and height of the stored samples.
    pub width: u32,
    pub height: u32,
    pub color: ColorSpace,
    /// EXIF orientation (1..=8), 1 when absent; only JPEG carries one.
    pub orientation: u8,
    pub data: PhotoData<'a>,
}

impl Photo<'_> {
    /// Size as displayed, after the EXIF orientation is applied.
    pub(crate) fn display_size(&self) -> (u32, u32) {
        if self.orientation >= 5 {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

fn photo_err(msg: impl Into<String>) -> BadgeError {
    BadgeError::Photo(msg.into())
}

fn check_dimensions(width: u32, height: u32) -> Result<(), BadgeError> {
    if width == 0 || height == 0 {
        return Err(photo_err(format!("empty image ({width}×{height})")));
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(photo_err(format!(
            "image too large ({width}×{height} px, at most {MAX_SIDE} px a side)"
        )));
    }
    Ok(())
}

/// Recognises the format by its signature and validates the photo.
pub(crate) fn prepare_photo(bytes: &[u8]) -> Result<Photo<'_>, BadgeError> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        prepare_jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        prepare_png(bytes)
    } else {
        Err(photo_err("unsupported image format (expected JPEG or PNG)"))
    }
}

/// What the JPEG markers before the first scan say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct JpegInfo {
    pub width: u32,
    pub height: u32,
    pub components: u8,
    pub adobe: bool,
    pub orientation: u8,
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

/// Walks the JPEG markers up to the first scan (SOS): reads the frame header
/// (SOF0/SOF1/SOF2), the Adobe APP14 segment and the EXIF orientation.
pub(crate) fn parse_jpeg(data: &[u8]) -> Result<JpegInfo, BadgeError> {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return Err(photo_err("JPEG: missing SOI marker"));
    }
    let truncated = || photo_err("JPEG: truncated file");
    let mut pos = 2;
    let mut frame: Option<(u32, u32, u8)> = None;
    let mut adobe = false;
    let mut orientation = 1;
    loop {
        if *data.get(pos).ok_or_else(truncated)? != 0xFF {
            return Err(photo_err(format!("JPEG: expected a marker at byte {pos}")));
        }
        while data.get(pos) == Some(&0xFF) {
            pos += 1; // fill bytes
        }
        let marker = *data.get(pos).ok_or_else(truncated)?;
        pos += 1;
        match marker {
            0x01 | 0xD0..=0xD7 => continue, // stand-alone markers
            0x00 | 0xD8 => return Err(photo_err("JPEG: invalid marker")),
            0xD9 => return Err(photo_err("JPEG: no image data")),
            _ => {}
        }
        let len = usize::from(be16(data, pos).ok_or_else(truncated)?);
        if len < 2 {
            return Err(photo_err("JPEG: invalid segment length"));
        }
        let segment = data.get(pos + 2..pos + len).ok_or_else(truncated)?;
        pos += len;
        match marker {
            0xC0..=0xC2 => {
                if frame.is_some() {
                    return Err(photo_err("JPEG: several frame headers"));
                }
                if segment.len() < 6 {
                    return Err(photo_err("JPEG: short frame header"));
                }
                if segment[0] != 8 {
                    return Err(photo_err(format!(
                        "JPEG: {}-bit samples are not supported",
                        segment[0]
                    )));
                }
                let height = u32::from(be16(segment, 1).ok_or_else(truncated)?);
                let width = u32::from(be16(segment, 3).ok_or_else(truncated)?);
                let components = segment[5];
                if !matches!(components, 1 | 3 | 4) {
                    return Err(photo_err(format!(
                        "JPEG: {components} colour components are not supported"
                    )));
                }
                if segment.len() < 6 + 3 * usize::from(components) {
                    return Err(photo_err("JPEG: short frame header"));
                }
                check_dimensions(width, height)?;
                frame = Some((width, height, components));
            }
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return Err(photo_err(
                    "JPEG: lossless, hierarchical or arithmetic-coded JPEG is not supported",
                ));
            }
            0xE1 => {
                if let Some(tiff) = segment.strip_prefix(b"Exif\0\0")
                    && let Some(o) = exif_orientation(tiff)
                {
                    orientation = o;
                }
            }
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            0xDA => {
                let (width, height, components) =
                    frame.ok_or_else(|| photo_err("JPEG: scan before frame header"))?;
                if pos >= data.len() {
                    return Err(truncated());
                }
                return Ok(JpegInfo {
                    width,
                    height,
                    components,
                    adobe,
                    orientation,
                });
            }
            _ => {}
        }
    }
}

/// Orientation tag (0x0112) of IFD0 in an EXIF TIFF block.
fn exif_orientation(tiff: &[u8]) -> Option<u8> {
    let little = match tiff.get(0..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b = [*tiff.get(at)?, *tiff.get(at + 1)?];
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b = [
            *tiff.get(at)?,
            *tiff.get(at + 1)?,
            *tiff.get(at + 2)?,
            *tiff.get(at + 3)?,
        ];
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    if u16_at(2)? != 42 {
        return None;
    }
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?);
    for i in 0..count {
        let entry = ifd.checked_add(2 + 12 * i)?;
        if u16_at(entry)? == 0x0112 && u16_at(entry + 2)? == 3 {
            let value = u16_at(entry + 8)?;
            return (1..=8).contains(&value).then_some(value as u8);
        }
    }
    None
}

fn prepare_jpeg(data: &[u8]) -> Result<Photo<'_>, BadgeError> {
    let info = parse_jpeg(data)?;
    let color = match info.components {
        1 => ColorSpace::Gray,
        3 => ColorSpace::Rgb,
        _ => ColorSpace::Cmyk,
    };
    Ok(Photo {
        width: info.width,
        height: info.height,
        color,
        orientation: info.orientation,
        data: PhotoData::Jpeg {
            data,
            inverted_cmyk: color == ColorSpace::Cmyk && info.adobe,
        },
    })
}

/// 8-bit samples after PNG normalisation.
struct Raster {
    width: u32,
    height: u32,
    /// Colour channels (1 or 3) followed by an optional alpha channel.
    channels: usize,
    has_alpha: bool,
    pixels: Vec<u8>,
}

fn prepare_png(data: &[u8]) -> Result<Photo<'static>, BadgeError> {
    let png_err = |e: png::DecodingError| photo_err(format!("PNG: {e}"));
    let mut decoder = png::Decoder::new(Cursor::new(data));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let header = decoder.read_header_info().map_err(png_err)?;
    let (width, height) = (header.width, header.height);
    check_dimensions(width, height)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(photo_err(format!(
            "image too large ({width}×{height} px, at most {MAX_PIXELS} pixels)"
        )));
    }
    let mut reader = decoder.read_info().map_err(png_err)?;
    let (color_type, depth) = reader.output_color_type();
    if depth != png::BitDepth::Eight {
        return Err(photo_err("PNG: unexpected bit depth after normalisation"));
    }
    let (channels, has_alpha) = match color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (2, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (4, true),
        png::ColorType::Indexed => {
            return Err(photo_err("PNG: palette was not expanded"));
        }
    };
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| photo_err("PNG: image too large"))?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(png_err)?;
    let row = width as usize * channels;
    let line_size = frame.line_size;
    if frame.width != width || frame.height != height || line_size < row {
        return Err(photo_err("PNG: unexpected frame layout"));
    }
    let mut pixels = Vec::with_capacity(row * height as usize);
    for y in 0..height as usize {
        let start = y * line_size;
        let line = buf
            .get(start..start + row)
            .ok_or_else(|| photo_err("PNG: short image data"))?;
        pixels.extend_from_slice(line);
    }
    drop(buf);
    let raster = downsample(Raster {
        width,
        height,
        channels,
        has_alpha,
        pixels,
    });
    Ok(raster_to_photo(raster))
}

/// Box-filter downsampling by the smallest integer factor that brings the longer side to
/// at most `MAX_EMBED_SIDE`.
fn downsample(src: Raster) -> Raster {
    let long = src.width.max(src.height);
    if long <= MAX_EMBED_SIDE {
        return src;
    }
    let k = long.div_ceil(MAX_EMBED_SIDE) as usize;
    let (sw, sh, ch) = (src.width as usize, src.height as usize, src.channels);
    let (dw, dh) = (sw.div_ceil(k), sh.div_ceil(k));
    let mut pixels = Vec::with_capacity(dw * dh * ch);
    let mut acc = vec![0u32; ch];
    for dy in 0..dh {
        let y0 = dy * k;
        let y1 = (y0 + k).min(sh);
        for dx in 0..dw {
            let x0 = dx * k;
            let x1 = (x0 + k).min(sw);
            acc.iter_mut().for_each(|a| *a = 0);
            for y in y0..y1 {
                let row = &src.pixels[(y * sw + x0) * ch..(y * sw + x1) * ch];
                for px in row.chunks_exact(ch) {
                    for (a, &v) in acc.iter_mut().zip(px) {
                        *a += u32::from(v);
                    }
                }
            }
            let n = ((y1 - y0) * (x1 - x0)) as u32;
            pixels.extend(acc.iter().map(|&a| ((a + n / 2) / n) as u8));
        }
    }
    Raster {
        width: dw as u32,
        height: dh as u32,
        channels: ch,
        has_alpha: src.has_alpha,
        pixels,
    }
}

fn raster_to_photo(r: Raster) -> Photo<'static> {
    let color_channels = if r.has_alpha {
        r.channels - 1
    } else {
        r.channels
    };
    let color = if color_channels == 1 {
        ColorSpace::Gray
    } else {
        ColorSpace::Rgb
    };
    let (samples, alpha) = if r.has_alpha {
        let n = r.pixels.len() / r.channels;
        let mut samples = Vec::with_capacity(n * color_channels);
        let mut alpha = Vec::with_capacity(n);
        for px in r.pixels.chunks_exact(r.channels) {
            samples.extend_from_slice(&px[..color_channels]);
            alpha.push(px[color_channels]);
        }
        // A fully opaque alpha channel needs no soft mask.
        let alpha = (!alpha.iter().all(|&a| a == 255)).then_some(alpha);
        (samples, alpha)
    } else {
        (r.pixels, None)
    };
    Photo {
        width: r.width,
        height: r.height,
        color,
        orientation: 1,
        data: PhotoData::Flate {
            samples: compress_to_vec_zlib(&samples, DEFLATE_LEVEL),
            alpha: alpha.map(|a| compress_to_vec_zlib(&a, DEFLATE_LEVEL)),
        },
    }
}
