//! End-to-end tests: render, parse back with lopdf, decode the QR with rqrr.

use super::layout::{BadgeLayout, MARGIN, PAGE_H, PAGE_W, layout_badge};
use super::photo::{JpegInfo, MAX_EMBED_SIDE, parse_jpeg};
use super::*;
use lopdf::{Dictionary, Document, Object, ObjectId};

const URL: &str = "https://portal.example/verify/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_xyz";

/// A hand-made 16×8 baseline JPEG (SOF0, 3 components YCbCr, 1×1 sampling, DC-only
/// Huffman coding, quantisation table of ones): left 8×8 block blue, right block orange.
const TEST_JPEG: [u8; 180] = [
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, // SOI, APP0
    0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xDB, 0x00, 0x43, // DQT
    0x00, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, //
    0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, //
    0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, //
    0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, //
    0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, //
    0x01, 0x01, 0x01, 0x01, 0x01, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x08, // SOF0 8 high
    0x00, 0x10, 0x03, 0x01, 0x11, 0x00, 0x02, 0x11, 0x00, 0x03, 0x11,
    0x00, // 16 wide, 3 comps
    0xFF, 0xC4, 0x00, 0x16, 0x00, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, // DHT (DC)
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x09, 0x0A, //
    0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // DHT (AC: EOB)
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xDA, // SOS
    0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x3F, 0x00, //
    0x0F, 0xAA, 0x82, 0x67, 0xAF, 0x03, 0x11, 0xED, 0x90, 0x3F, 0xFF, 0xD9, // scan, EOI
];

pub(crate) fn sample_content(photo: Option<Vec<u8>>) -> BadgeContent {
    BadgeContent {
        heading: "Nations Unies — Laissez-passer".into(),
        person_name: "Ms Amina BENALI".into(),
        organisation: "Association Internationale pour l'Eau".into(),
        representative_type: "Représentant principal".into(),
        duty_station: "Genève".into(),
        pass_kind: "Annuel".into(),
        validity_label: "Valide du".into(),
        validity: "01/01/2026 – 31/12/2026".into(),
        serial_label: "N°".into(),
        serial: "7KQ2-M9XA".into(),
        verify_url: URL.into(),
        photo,
    }
}

fn encode_png(
    width: u32,
    height: u32,
    color: png::ColorType,
    depth: png::BitDepth,
    data: &[u8],
    palette: Option<&[u8]>,
    trns: Option<&[u8]>,
) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(color);
        enc.set_depth(depth);
        if let Some(p) = palette {
            enc.set_palette(p.to_vec());
        }
        if let Some(t) = trns {
            enc.set_trns(t.to_vec());
        }
        let mut writer = enc.write_header().unwrap();
        writer.write_image_data(data).unwrap();
    }
    out
}

fn rgba_png(width: u32, height: u32) -> Vec<u8> {
    let mut data = Vec::new();
    for y in 0..height {
        for x in 0..width {
            data.extend_from_slice(&[
                (x * 255 / width) as u8,
                (y * 255 / height) as u8,
                160,
                if x < width / 2 { 255 } else { 128 },
            ]);
        }
    }
    encode_png(
        width,
        height,
        png::ColorType::Rgba,
        png::BitDepth::Eight,
        &data,
        None,
        None,
    )
}

/// 10×10, 2-bit palette of 4 colours.
fn palette_png(trns: Option<&[u8]>) -> Vec<u8> {
    let palette = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];
    // 10 pixels of 2 bits = 3 bytes per row.
    let mut data = Vec::new();
    for y in 0..10u8 {
        data.extend_from_slice(&[0b00_01_10_11, 0b00_01_10_11 ^ y, 0b0101_0000]);
    }
    encode_png(
        10,
        10,
        png::ColorType::Indexed,
        png::BitDepth::Two,
        &data,
        Some(&palette),
        trns,
    )
}

// ----- PDF inspection helpers -----

struct Parsed {
    doc: Document,
    page_id: ObjectId,
}

fn parse(pdf: &[u8]) -> Parsed {
    assert!(pdf.starts_with(b"%PDF-"), "no PDF header");
    let trimmed = pdf.trim_ascii_end();
    assert!(trimmed.ends_with(b"%%EOF"), "no %%EOF trailer");
    let doc = Document::load_mem(pdf).expect("lopdf parses the badge");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1, "exactly one page");
    let page_id = *pages.values().next().unwrap();
    Parsed { doc, page_id }
}

impl Parsed {
    fn page(&self) -> &Dictionary {
        self.doc.get_dictionary(self.page_id).unwrap()
    }

    fn operations(&self) -> Vec<lopdf::content::Operation> {
        let id = self
            .page()
            .get(b"Contents")
            .unwrap()
            .as_reference()
            .unwrap();
        let stream = self.doc.get_object(id).unwrap().as_stream().unwrap();
        assert_eq!(
            stream.dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"FlateDecode"
        );
        let data = stream.decompressed_content().expect("content inflates");
        lopdf::content::Content::decode_strict(&data)
            .expect("content stream parses")
            .operations
    }

    fn shown_strings(&self) -> Vec<Vec<u8>> {
        self.operations()
            .into_iter()
            .filter(|op| op.operator == "Tj")
            .map(|op| op.operands[0].as_str().unwrap().to_vec())
            .collect()
    }

    fn link_uri(&self) -> Vec<u8> {
        let annots = self.doc.get_page_annotations(self.page_id).unwrap();
        assert_eq!(annots.len(), 1);
        let annot = annots[0];
        assert_eq!(annot.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
        let action = annot.get(b"A").unwrap().as_dict().unwrap();
        assert_eq!(action.get(b"S").unwrap().as_name().unwrap(), b"URI");
        action.get(b"URI").unwrap().as_str().unwrap().to_vec()
    }

    fn images(&self) -> Vec<lopdf::xobject::PdfImage<'_>> {
        self.doc.get_page_images(self.page_id).unwrap()
    }
}

fn check_common(p: &Parsed, content: &BadgeContent) {
    let media = p.page().get(b"MediaBox").unwrap().as_array().unwrap();
    let w = media[2].as_float().unwrap();
    let h = media[3].as_float().unwrap();
    assert!(
        (w - 297.64).abs() < 0.1 && (h - 419.53).abs() < 0.1,
        "A6: {w}×{h}"
    );
    assert_eq!(p.link_uri(), content.verify_url.as_bytes());
    let strings = p.shown_strings();
    assert!(strings.contains(&to_winansi(&content.person_name)));
    // Document info: title and producer only.
    let info_id = p.doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = p.doc.get_dictionary(info_id).unwrap();
    assert_eq!(info.get(b"Title").unwrap().as_str().unwrap(), b"Badge");
    assert_eq!(
        info.get(b"Producer").unwrap().as_str().unwrap(),
        b"Passerelle"
    );
    assert_eq!(info.len(), 2);
    // Fonts are the standard ones with WinAnsiEncoding.
    let fonts: Vec<Vec<u8>> = p
        .doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font"))
        .map(|d| {
            assert_eq!(
                d.get(b"Encoding").unwrap().as_name().unwrap(),
                b"WinAnsiEncoding"
            );
            d.get(b"BaseFont").unwrap().as_name().unwrap().to_vec()
        })
        .collect();
    assert_eq!(fonts.len(), 2);
    assert!(fonts.contains(&b"Helvetica".to_vec()) && fonts.contains(&b"Helvetica-Bold".to_vec()));
}

// ----- rendering -----

#[test]
fn renders_without_photo() {
    let content = sample_content(None);
    let pdf = render_badge(&content).unwrap();
    let p = parse(&pdf);
    check_common(&p, &content);
    assert!(p.images().is_empty());
    assert!(!p.operations().iter().any(|op| op.operator == "Do"));
    let strings = p.shown_strings();
    assert!(strings.contains(&b"Gen\xE8ve".to_vec()));
    assert!(strings.contains(&b"Nations Unies \x97 Laissez-passer".to_vec()));
    assert!(strings.contains(&b"N\xB0 7KQ2-M9XA".to_vec()));
}

#[test]
fn render_is_deterministic() {
    let content = sample_content(Some(rgba_png(12, 9)));
    assert_eq!(render_badge(&content), render_badge(&content));
}

#[test]
fn renders_with_jpeg() {
    let content = sample_content(Some(TEST_JPEG.to_vec()));
    let pdf = render_badge(&content).unwrap();
    let p = parse(&pdf);
    check_common(&p, &content);
    let images = p.images();
    assert_eq!(images.len(), 1);
    let img = &images[0];
    assert_eq!((img.width, img.height), (16, 8));
    assert_eq!(img.color_space.as_deref(), Some("DeviceRGB"));
    assert_eq!(img.filters.as_deref(), Some(&["DCTDecode".to_string()][..]));
    assert_eq!(img.content, &TEST_JPEG[..], "JPEG embedded unchanged");
    assert!(p.operations().iter().any(|op| op.operator == "Do"));
}

#[test]
fn jpeg_sof_is_parsed() {
    assert_eq!(
        parse_jpeg(&TEST_JPEG).unwrap(),
        JpegInfo {
            width: 16,
            height: 8,
            components: 3,
            adobe: false,
            orientation: 1
        }
    );
}

/// SOI, optional APP14 "Adobe", a frame header, a minimal scan header, two bytes of scan
/// data and EOI: enough for the header parser.
fn jpeg_headers(sof: u8, precision: u8, w: u16, h: u16, components: u8, adobe: bool) -> Vec<u8> {
    let mut j = vec![0xFF, 0xD8];
    if adobe {
        j.extend_from_slice(&[0xFF, 0xEE, 0x00, 0x0E]);
        j.extend_from_slice(b"Adobe\x00\x64\x00\x00\x00\x00\x02");
    }
    let len = 8 + 3 * u16::from(components);
    j.extend_from_slice(&[0xFF, sof]);
    j.extend_from_slice(&len.to_be_bytes());
    j.push(precision);
    j.extend_from_slice(&h.to_be_bytes());
    j.extend_from_slice(&w.to_be_bytes());
    j.push(components);
    for c in 0..components {
        j.extend_from_slice(&[c + 1, 0x11, 0]);
    }
    j.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
    j.extend_from_slice(&[0x12, 0x34, 0xFF, 0xD9]);
    j
}

#[test]
fn jpeg_sof_variants() {
    let gray_jpeg = jpeg_headers(0xC1, 8, 640, 480, 1, false);
    let gray = prepare_photo_for_test(&gray_jpeg);
    assert_eq!(
        (gray.width, gray.height, gray.color),
        (640, 480, ColorSpace::Gray)
    );
    let progressive_jpeg = jpeg_headers(0xC2, 8, 300, 400, 3, false);
    let progressive = prepare_photo_for_test(&progressive_jpeg);
    assert_eq!(progressive.color, ColorSpace::Rgb);
    let cmyk_jpeg = jpeg_headers(0xC0, 8, 10, 20, 4, true);
    let cmyk = prepare_photo_for_test(&cmyk_jpeg);
    assert_eq!(cmyk.color, ColorSpace::Cmyk);
    assert!(matches!(
        cmyk.data,
        PhotoData::Jpeg {
            inverted_cmyk: true,
            ..
        }
    ));
    // CMYK JPEG renders with a Decode array.
    let content = sample_content(Some(jpeg_headers(0xC0, 8, 10, 20, 4, true)));
    let p = parse(&render_badge(&content).unwrap());
    let images = p.images();
    assert_eq!(images[0].color_space.as_deref(), Some("DeviceCMYK"));
    assert_eq!(
        images[0]
            .origin_dict
            .get(b"Decode")
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        8
    );
}

fn prepare_photo_for_test(bytes: &[u8]) -> Photo<'_> {
    prepare_photo(bytes).unwrap()
}

#[test]
fn jpeg_unsupported_variants_are_errors() {
    for bad in [
        jpeg_headers(0xC3, 8, 10, 10, 3, false),  // lossless
        jpeg_headers(0xC9, 8, 10, 10, 3, false),  // arithmetic
        jpeg_headers(0xC0, 12, 10, 10, 3, false), // 12-bit
        jpeg_headers(0xC0, 8, 10, 10, 2, false),  // 2 components
        jpeg_headers(0xC0, 8, 0, 10, 3, false),   // empty
    ] {
        assert!(matches!(prepare_photo(&bad), Err(BadgeError::Photo(_))));
    }
}

/// Inserts an APP1 Exif segment with the given orientation after SOI.
fn with_exif_orientation(jpeg: &[u8], orientation: u16, big_endian: bool) -> Vec<u8> {
    let mut tiff: Vec<u8> = Vec::new();
    let u16b = |v: u16| {
        if big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let u32b = |v: u32| {
        if big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    tiff.extend_from_slice(if big_endian { b"MM" } else { b"II" });
    tiff.extend_from_slice(&u16b(42));
    tiff.extend_from_slice(&u32b(8));
    tiff.extend_from_slice(&u16b(2)); // two entries
    // ImageDescription-like dummy entry, then Orientation.
    tiff.extend_from_slice(&u16b(0x010F));
    tiff.extend_from_slice(&u16b(2));
    tiff.extend_from_slice(&u32b(4));
    tiff.extend_from_slice(b"Cam\0");
    tiff.extend_from_slice(&u16b(0x0112));
    tiff.extend_from_slice(&u16b(3));
    tiff.extend_from_slice(&u32b(1));
    tiff.extend_from_slice(&u16b(orientation));
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&u32b(0));
    let mut seg = b"Exif\0\0".to_vec();
    seg.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((seg.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&seg);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn jpeg_exif_orientation_is_applied() {
    for big_endian in [true, false] {
        let jpeg = with_exif_orientation(&TEST_JPEG, 6, big_endian);
        let info = parse_jpeg(&jpeg).unwrap();
        assert_eq!(info.orientation, 6);
        let photo = prepare_photo(&jpeg).unwrap();
        assert_eq!(photo.display_size(), (8, 16));
    }
    let jpeg = with_exif_orientation(&TEST_JPEG, 6, true);
    let content = sample_content(Some(jpeg));
    let p = parse(&render_badge(&content).unwrap());
    let cm = p
        .operations()
        .into_iter()
        .find(|op| op.operator == "cm")
        .unwrap();
    let m: Vec<f32> = cm.operands.iter().map(|o| o.as_float().unwrap()).collect();
    // Rotated: a = d = 0, displayed 35 mm × 45 mm box filled in height (1:2 portrait).
    assert_eq!((m[0], m[3]), (0.0, 0.0));
    assert!((m[1].abs() - 45.0 * layout::MM).abs() < 0.01, "{m:?}");
    // Bogus orientation values are ignored.
    assert_eq!(
        parse_jpeg(&with_exif_orientation(&TEST_JPEG, 9, true))
            .unwrap()
            .orientation,
        1
    );
}

#[test]
fn orientation_matrices_map_unit_square_onto_display_rect() {
    let (x, y, w, h) = (10.0, 20.0, 30.0, 40.0);
    for o in 1..=8 {
        let m = orientation_matrix(o, x, y, w, h);
        let apply = |u: f32, v: f32| (m[0] * u + m[2] * v + m[4], m[1] * u + m[3] * v + m[5]);
        let mut corners: Vec<(f32, f32)> = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
            .iter()
            .map(|&(u, v)| apply(u, v))
            .collect();
        corners.sort_by(|a, b| a.partial_cmp(b).unwrap());
        assert_eq!(
            corners,
            vec![(10.0, 20.0), (10.0, 60.0), (40.0, 20.0), (40.0, 60.0)],
            "orientation {o}"
        );
    }
    // Orientation 6 (rotate 90° clockwise): the stored top-left pixel (u=0, v=1) lands
    // top-right; orientation 8: bottom-left; orientation 3: bottom-right.
    let top_left = |o| {
        let m = orientation_matrix(o, x, y, w, h);
        (m[2] + m[4], m[3] + m[5])
    };
    assert_eq!(top_left(1), (10.0, 60.0));
    assert_eq!(top_left(6), (40.0, 60.0));
    assert_eq!(top_left(8), (10.0, 20.0));
    assert_eq!(top_left(3), (40.0, 20.0));
}

#[test]
fn renders_with_rgba_png() {
    let content = sample_content(Some(rgba_png(30, 40)));
    let pdf = render_badge(&content).unwrap();
    let p = parse(&pdf);
    check_common(&p, &content);
    let images = p.images();
    assert_eq!(images.len(), 1);
    let img = &images[0];
    assert_eq!((img.width, img.height), (30, 40));
    assert_eq!(img.color_space.as_deref(), Some("DeviceRGB"));
    assert_eq!(
        img.filters.as_deref(),
        Some(&["FlateDecode".to_string()][..])
    );
    // Samples round-trip; alpha is in the soft mask.
    let samples = miniz_oxide::inflate::decompress_to_vec_zlib(img.content).unwrap();
    assert_eq!(samples.len(), 30 * 40 * 3);
    assert_eq!(&samples[..3], &[0, 0, 160]);
    let smask_id = img
        .origin_dict
        .get(b"SMask")
        .unwrap()
        .as_reference()
        .unwrap();
    let smask = p.doc.get_object(smask_id).unwrap().as_stream().unwrap();
    assert_eq!(
        smask.dict.get(b"ColorSpace").unwrap().as_name().unwrap(),
        b"DeviceGray"
    );
    let alpha = smask.decompressed_content().unwrap();
    assert_eq!(alpha.len(), 30 * 40);
    assert_eq!((alpha[0], alpha[29]), (255, 128));
}

#[test]
fn renders_with_palette_png() {
    let content = sample_content(Some(palette_png(None)));
    let p = parse(&render_badge(&content).unwrap());
    check_common(&p, &content);
    let images = p.images();
    assert_eq!((images[0].width, images[0].height), (10, 10));
    assert_eq!(images[0].color_space.as_deref(), Some("DeviceRGB"));
    assert_eq!(images[0].bits_per_component, Some(8));
    assert!(
        images[0].origin_dict.get(b"SMask").is_err(),
        "opaque palette: no SMask"
    );
    let samples = miniz_oxide::inflate::decompress_to_vec_zlib(images[0].content).unwrap();
    // First row: indices 0 1 2 3 → red, green, blue, white.
    assert_eq!(
        &samples[..12],
        &[255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]
    );

    // Palette with transparency gets a soft mask.
    let content = sample_content(Some(palette_png(Some(&[0, 255, 255, 255]))));
    let p = parse(&render_badge(&content).unwrap());
    assert!(p.images()[0].origin_dict.get(b"SMask").is_ok());
}

#[test]
fn png_gray_and_16_bit_are_normalised() {
    // 1-bit grayscale 9×3.
    let gray = encode_png(
        9,
        3,
        png::ColorType::Grayscale,
        png::BitDepth::One,
        &[0b1010_1010, 0b1000_0000, 0xFF, 0x80, 0, 0],
        None,
        None,
    );
    let photo = prepare_photo(&gray).unwrap();
    assert_eq!(
        (photo.width, photo.height, photo.color),
        (9, 3, ColorSpace::Gray)
    );
    // 16-bit gray + alpha 2×1.
    let ga16 = encode_png(
        2,
        1,
        png::ColorType::GrayscaleAlpha,
        png::BitDepth::Sixteen,
        &[0xFF, 0xFF, 0x80, 0x00, 0x00, 0x00, 0xFF, 0xFF],
        None,
        None,
    );
    let photo = prepare_photo(&ga16).unwrap();
    assert_eq!(photo.color, ColorSpace::Gray);
    match &photo.data {
        PhotoData::Flate { samples, alpha } => {
            let s = miniz_oxide::inflate::decompress_to_vec_zlib(samples).unwrap();
            let a = miniz_oxide::inflate::decompress_to_vec_zlib(alpha.as_ref().unwrap()).unwrap();
            assert_eq!((s, a), (vec![255, 0], vec![128, 255]));
        }
        PhotoData::Jpeg { .. } => unreachable!(),
    }
    // 16-bit RGB renders.
    let rgb16 = encode_png(
        1,
        1,
        png::ColorType::Rgb,
        png::BitDepth::Sixteen,
        &[0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC],
        None,
        None,
    );
    let content = sample_content(Some(rgb16));
    let p = parse(&render_badge(&content).unwrap());
    assert_eq!(p.images()[0].bits_per_component, Some(8));
}

#[test]
fn large_png_is_downsampled() {
    let (w, h) = (2500u32, 10u32);
    let data: Vec<u8> = (0..w * h * 3).map(|i| (i % 251) as u8).collect();
    let png = encode_png(
        w,
        h,
        png::ColorType::Rgb,
        png::BitDepth::Eight,
        &data,
        None,
        None,
    );
    let photo = prepare_photo(&png).unwrap();
    assert!(photo.width <= MAX_EMBED_SIDE);
    assert_eq!((photo.width, photo.height), (834, 4));
}

// ----- errors -----

fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    png
}

fn assert_photo_error(bytes: Vec<u8>) -> String {
    match render_badge(&sample_content(Some(bytes))) {
        Err(BadgeError::Photo(msg)) => msg,
        other => panic!("expected a photo error, got {other:?}"),
    }
}

#[test]
fn corrupt_jpeg_is_a_photo_error() {
    assert_photo_error(TEST_JPEG[..60].to_vec());
    assert_photo_error(TEST_JPEG[..TEST_JPEG.len() - 15].to_vec());
    assert_photo_error(vec![0xFF, 0xD8, 0xFF]);
    assert_photo_error(vec![0xFF, 0xD8, 0xFF, 0xD9]);
    assert_photo_error(vec![0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF, 0x00]);
    let mut garbage = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
    garbage.extend(std::iter::repeat_n(0x42, 100));
    assert_photo_error(garbage);
    // No frame header before the scan.
    let mut no_sof = TEST_JPEG.to_vec();
    assert_eq!(no_sof[89..91], [0xFF, 0xC0]);
    no_sof[90] = 0xFE; // SOF0 becomes a comment
    let msg = assert_photo_error(no_sof);
    assert!(msg.contains("scan before frame header"), "{msg}");
}

#[test]
fn corrupt_png_is_a_photo_error() {
    let good = rgba_png(30, 40);
    assert_photo_error(good[..good.len() / 2].to_vec());
    assert_photo_error(good[..20].to_vec());
    let mut flipped = good.clone();
    let n = flipped.len();
    flipped[n - 30] ^= 0x5A; // inside IDAT: CRC mismatch / bad deflate data
    assert_photo_error(flipped);
    let mut junk = b"\x89PNG\r\n\x1a\n".to_vec();
    junk.extend_from_slice(&[0xAB; 64]);
    assert_photo_error(junk);
    assert_photo_error(b"GIF89a\x01\x00\x01\x00".to_vec());
    assert_photo_error(Vec::new());
}

#[test]
fn oversized_dimensions_are_rejected_before_decoding() {
    let msg = assert_photo_error(jpeg_headers(0xC0, 8, 20_000, 100, 3, false));
    assert!(msg.contains("too large"), "{msg}");
    let msg = assert_photo_error(jpeg_headers(0xC2, 8, 100, 10_001, 3, false));
    assert!(msg.contains("too large"), "{msg}");
    let msg = assert_photo_error(png_header_only(20_000, 20_000));
    assert!(msg.contains("too large"), "{msg}");
    let msg = assert_photo_error(png_header_only(6_000, 6_000));
    assert!(msg.contains("too large"), "{msg}");
    // Within limits, a header-only PNG is merely truncated.
    let msg = assert_photo_error(png_header_only(100, 100));
    assert!(!msg.contains("too large"), "{msg}");
}

#[test]
fn too_long_url_is_a_qr_error() {
    let mut content = sample_content(None);
    content.verify_url = format!("https://portal.example/verify/{}", "x".repeat(3000));
    assert!(matches!(render_badge(&content), Err(BadgeError::Qr(_))));
    let err = render_badge(&content).unwrap_err();
    assert!(err.to_string().starts_with("badge QR code:"));
    let e: Box<dyn std::error::Error> = Box::new(err);
    assert!(!e.to_string().is_empty());
}

// ----- QR code -----

/// Decodes a module matrix with rqrr, drawn 4 px per module with a 4-module quiet zone.
fn decode_matrix(width: usize, dark: impl Fn(usize, usize) -> bool) -> String {
    let scale = 4;
    let side = (width + 2 * QUIET_ZONE) * scale;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let (mx, my) = (x / scale, y / scale);
        let inside = (QUIET_ZONE..QUIET_ZONE + width).contains(&mx)
            && (QUIET_ZONE..QUIET_ZONE + width).contains(&my);
        if inside && dark(mx - QUIET_ZONE, my - QUIET_ZONE) {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code found");
    grids[0].decode().expect("QR decodes").1
}

#[test]
fn qr_matrix_decodes_to_url() {
    let m = qr_matrix(URL).unwrap();
    assert_eq!(m.modules.len(), m.width * m.width);
    assert_eq!(decode_matrix(m.width, |x, y| m.is_dark(x, y)), URL);
}

/// Rebuilds the module grid from the rectangles in the content stream and decodes it.
#[test]
fn drawn_qr_rectangles_decode_to_url() {
    let content = sample_content(Some(TEST_JPEG.to_vec()));
    let layout: BadgeLayout = layout_badge(&content);
    let p = parse(&render_badge(&content).unwrap());
    let m = qr_matrix(URL).unwrap();
    let qb = layout.qr_box;
    let module = qb.w / (m.width + 2 * QUIET_ZONE) as f32;
    let mut grid = vec![false; m.width * m.width];
    let mut collecting = false;
    let mut rects = 0;
    for op in p.operations() {
        match op.operator.as_str() {
            "g" if op.operands[0].as_float().unwrap() == 0.0 => collecting = true,
            "f" if collecting => break,
            "re" if collecting => {
                let v: Vec<f32> = op.operands.iter().map(|o| o.as_float().unwrap()).collect();
                let col = ((v[0] - qb.x) / module).round() as usize - QUIET_ZONE;
                let top = PAGE_H - v[1] - v[3];
                let row = ((top - qb.y) / module).round() as usize - QUIET_ZONE;
                let run = (v[2] / module).round() as usize;
                assert!((v[3] - module).abs() < 0.01);
                for c in col..col + run {
                    grid[row * m.width + c] = true;
                }
                rects += 1;
            }
            _ => {}
        }
    }
    assert!(rects > 0);
    assert_eq!(grid, m.modules, "drawn modules equal the QR matrix");
    assert_eq!(decode_matrix(m.width, |x, y| grid[y * m.width + x]), URL);
    // About 30 mm including the quiet zone, inside the page.
    assert!((qb.w / layout::MM - 30.0).abs() < 0.01);
    assert!(qb.x + qb.w <= PAGE_W - MARGIN + 0.01);
}

// ----- layout -----

fn assert_layout_within_page(l: &BadgeLayout) {
    for placed in l.texts() {
        for (i, line) in placed.block.lines.iter().enumerate() {
            let x = placed.line_x(line);
            let w = placed.block.font.text_width(line, placed.block.size);
            assert!(x >= placed.x - 0.01, "line starts left of its column");
            assert!(
                x + w <= placed.x + placed.width + 0.01,
                "line overflows its column"
            );
            assert!(x >= MARGIN - 0.01 && x + w <= PAGE_W - MARGIN + 0.01);
            assert!(placed.baseline(i) <= PAGE_H);
        }
        assert!(placed.bottom() <= PAGE_H);
    }
    let band_bottom = l.band.y + l.band.h;
    assert!(l.heading.bottom() <= band_bottom + 0.01);
    assert!(l.pass_kind.bottom() <= l.pill.y + l.pill.h);
    assert!(l.duty_station.top >= l.pill.y + l.pill.h);
    assert!(l.representative_type.bottom() <= l.photo_box.y + l.photo_box.h);
    assert!(l.name.top >= l.photo_box.y + l.photo_box.h);
    assert!(l.organisation.top >= l.name.bottom());
    assert!(l.organisation.bottom() <= l.divider_y);
    assert!(l.validity_label.top >= l.divider_y);
    assert!(l.validity.top >= l.validity_label.bottom());
    assert!(l.validity.bottom() <= l.bottom_band.y);
    assert!(l.validity.x + l.validity.width <= l.qr_box.x);
    assert!(l.serial.top >= l.qr_box.y + l.qr_box.h);
    assert!(l.serial.bottom() <= l.bottom_band.y);
}

#[test]
fn sample_layout_is_tidy() {
    let l = layout_badge(&sample_content(None));
    assert_layout_within_page(&l);
    assert_eq!(l.name.block.size, 16.0);
    assert_eq!(l.name.block.lines.len(), 1);
    assert_eq!(l.organisation.block.lines.len(), 1);
    assert_eq!(l.heading.block.lines.len(), 1);
    for placed in l.texts() {
        assert!(!placed.block.truncated);
    }
}

#[test]
fn very_long_texts_stay_within_the_page() {
    let mut content = sample_content(Some(TEST_JPEG.to_vec()));
    content.person_name =
        "Mme Marie-Françoise Adélaïde de la Tour d'Auvergne-Lauraguais ".repeat(5);
    content.organisation = "Association Internationale pour la Protection de l'Eau ".repeat(10);
    content.heading = "Nations Unies — Laissez-passer — Office des Nations Unies ".repeat(4);
    content.representative_type = "Représentant principal suppléant ".repeat(8);
    content.duty_station = "Genève ".repeat(20);
    content.pass_kind = "Temporaire ".repeat(10);
    content.validity_label = "Valide du ".repeat(10);
    content.validity = "01/01/2026 – 31/12/2026 ".repeat(6);
    content.serial = "7KQ2-M9XA".repeat(8);
    let l = layout_badge(&content);
    assert_layout_within_page(&l);
    assert_eq!(l.name.block.lines.len(), 2);
    assert_eq!(l.name.block.size, 9.0);
    assert!(l.name.block.truncated);
    assert_eq!(l.organisation.block.lines.len(), 2);
    assert_eq!(l.organisation.block.size, 7.0);
    assert!(l.heading.block.lines.len() <= 2);
    assert!(l.representative_type.block.lines.len() <= 3);
    assert_eq!(l.pass_kind.block.lines.len(), 1);
    assert_eq!(l.serial.block.lines.len(), 1);
    let p = parse(&render_badge(&content).unwrap());
    assert!(
        p.shown_strings()
            .iter()
            .any(|s| s.last() == Some(&text::ELLIPSIS))
    );

    // A single unbreakable word.
    let mut content = sample_content(None);
    content.person_name = "W".repeat(400);
    content.organisation = "x".repeat(2000);
    let l = layout_badge(&content);
    assert_layout_within_page(&l);
    assert_eq!(l.name.block.lines.len(), 2);
    render_badge(&content).unwrap();
}

#[test]
fn medium_name_wraps_instead_of_tiny_text() {
    let mut content = sample_content(None);
    content.person_name = "Mr Jean-Baptiste Alexandre DE LA FONTAINE-SAINTE-MARIE".into();
    let l = layout_badge(&content);
    assert_layout_within_page(&l);
    assert_eq!(l.name.block.lines.len(), 2);
    assert!(l.name.block.size >= 14.0);
    assert!(!l.name.block.truncated);
}

#[test]
fn empty_and_non_latin_content_renders() {
    let content = BadgeContent {
        verify_url: URL.into(),
        ..BadgeContent::default()
    };
    let p = parse(&render_badge(&content).unwrap());
    assert_eq!(p.link_uri(), URL.as_bytes());
    let mut content = sample_content(None);
    content.person_name = "王小明 Wang Xiaoming".into();
    content.organisation = "Łódzkie Stowarzyszenie Științific — Ελλάδα".into();
    let p = parse(&render_badge(&content).unwrap());
    let strings = p.shown_strings();
    assert!(strings.contains(&b"Wang Xiao Ming Wang Xiaoming".to_vec()));
    assert!(strings.contains(&b"L\xF3dzkie Stowarzyszenie Stiintific \x97 Ellada".to_vec()));
}

#[test]
fn mutated_photos_never_panic() {
    // Deterministic xorshift so failures are reproducible.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let seeds = [
        TEST_JPEG.to_vec(),
        with_exif_orientation(&TEST_JPEG, 6, false),
        rgba_png(30, 40),
        palette_png(Some(&[0, 255])),
    ];
    let mut errors = 0;
    for i in 0..600 {
        let mut bytes = seeds[i % seeds.len()].clone();
        match next() % 3 {
            0 => {
                let at = (next() as usize) % bytes.len();
                bytes[at] ^= 1 << (next() % 8);
            }
            1 => {
                for _ in 0..4 {
                    let at = (next() as usize) % bytes.len();
                    bytes[at] = next() as u8;
                }
            }
            _ => bytes.truncate((next() as usize) % bytes.len()),
        }
        match render_badge(&sample_content(Some(bytes))) {
            Ok(pdf) => assert!(pdf.starts_with(b"%PDF-")),
            Err(BadgeError::Photo(_)) => errors += 1,
            Err(e) => panic!("unexpected error {e}"),
        }
    }
    assert!(errors > 0);
}
