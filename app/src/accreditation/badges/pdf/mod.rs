//! Accreditation badge (UN ground pass for an NGO representative) rendered as a one-page
//! A6 PDF.
//!
//! [`render_badge`] is a pure function: content in, PDF bytes out. It uses the standard-14
//! fonts Helvetica and Helvetica-Bold with WinAnsiEncoding (no font embedding), draws the
//! QR code as vector rectangles, embeds a JPEG photo as-is (DCTDecode) or a PNG photo
//! re-compressed (FlateDecode, alpha as SMask), and puts a link annotation over the QR
//! code.

mod layout;
mod metrics;
mod photo;
mod qr;
mod text;

use miniz_oxide::deflate::compress_to_vec_zlib;
use pdf_writer::types::{ActionType, AnnotationType};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use layout::{Box2, FRAME, NAVY, PAGE_H, PAGE_W, Placed, Rgb, UN_BLUE, WHITE, layout_badge};
use photo::{ColorSpace, DEFLATE_LEVEL, Photo, PhotoData, prepare_photo};

pub use qr::{QUIET_ZONE, QrMatrix, qr_matrix};
pub use text::to_winansi;

/// What is printed on the badge. Labels arrive already translated, dates already
/// formatted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BadgeContent {
    /// E.g. "Nations Unies — Laissez-passer".
    pub heading: String,
    /// E.g. "Ms Amina BENALI".
    pub person_name: String,
    pub organisation: String,
    /// Translated label, e.g. "Représentant principal".
    pub representative_type: String,
    /// E.g. "Genève".
    pub duty_station: String,
    /// E.g. "Annuel" / "Temporaire".
    pub pass_kind: String,
    /// E.g. "Valide du".
    pub validity_label: String,
    /// E.g. "01/01/2026 – 31/12/2026".
    pub validity: String,
    /// E.g. "N°".
    pub serial_label: String,
    /// Short code printed under the QR code, e.g. "7KQ2-M9XA".
    pub serial: String,
    /// URL encoded in the QR code and in the link annotation over it.
    pub verify_url: String,
    /// JPEG or PNG bytes, or `None` for an empty photo frame.
    pub photo: Option<Vec<u8>>,
}

/// Why a badge could not be rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadgeError {
    /// The photo is corrupt, unsupported or too large.
    Photo(String),
    /// The verification URL cannot be encoded as a QR code (too long).
    Qr(String),
}

impl std::fmt::Display for BadgeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadgeError::Photo(msg) => write!(f, "badge photo: {msg}"),
            BadgeError::Qr(msg) => write!(f, "badge QR code: {msg}"),
        }
    }
}

impl std::error::Error for BadgeError {}

const FONT_REGULAR: Name<'static> = Name(b"F1");
const FONT_BOLD: Name<'static> = Name(b"F2");
const PHOTO: Name<'static> = Name(b"Im1");

/// Renders the badge as a one-page A6 PDF.
pub fn render_badge(content: &BadgeContent) -> Result<Vec<u8>, BadgeError> {
    let photo = content.photo.as_deref().map(prepare_photo).transpose()?;
    let qr = qr_matrix(&content.verify_url)?;
    let layout = layout_badge(content);

    let mut next_id = Ref::new(1);
    let catalog_id = next_id.bump();
    let pages_id = next_id.bump();
    let page_id = next_id.bump();
    let content_id = next_id.bump();
    let regular_id = next_id.bump();
    let bold_id = next_id.bump();
    let link_id = next_id.bump();
    let info_id = next_id.bump();
    let image_id = next_id.bump();
    let smask_id = next_id.bump();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog_id).pages(pages_id);
    pdf.pages(pages_id).kids([page_id]).count(1);

    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
        .parent(pages_id)
        .contents(content_id)
        .annotations([link_id]);
    {
        let mut resources = page.resources();
        resources
            .fonts()
            .pair(FONT_REGULAR, regular_id)
            .pair(FONT_BOLD, bold_id);
        if photo.is_some() {
            resources.x_objects().pair(PHOTO, image_id);
        }
    }
    page.finish();

    for (id, base) in [(regular_id, "Helvetica"), (bold_id, "Helvetica-Bold")] {
        pdf.type1_font(id)
            .base_font(Name(base.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }

    let qr_rect = pdf_rect(layout.qr_box);
    let mut link = pdf.annotation(link_id);
    link.subtype(AnnotationType::Link)
        .rect(qr_rect)
        .border(0.0, 0.0, 0.0, None);
    link.action()
        .action_type(ActionType::Uri)
        .uri(Str(content.verify_url.as_bytes()));
    link.finish();

    if let Some(photo) = &photo {
        write_photo(&mut pdf, photo, image_id, smask_id);
    }

    let stream = draw_page(&layout, photo.as_ref(), &qr);
    let compressed = compress_to_vec_zlib(&stream, DEFLATE_LEVEL);
    pdf.stream(content_id, &compressed)
        .filter(Filter::FlateDecode);

    pdf.document_info(info_id)
        .title(TextStr("Badge"))
        .producer(TextStr("Passerelle"));

    Ok(pdf.finish())
}

fn write_photo(pdf: &mut Pdf, photo: &Photo<'_>, image_id: Ref, smask_id: Ref) {
    let (data, filter, alpha) = match &photo.data {
        PhotoData::Jpeg { data, .. } => (*data, Filter::DctDecode, None),
        PhotoData::Flate { samples, alpha } => {
            (samples.as_slice(), Filter::FlateDecode, alpha.as_deref())
        }
    };
    let mut image = pdf.image_xobject(image_id, data);
    image.filter(filter);
    image.width(photo.width as i32);
    image.height(photo.height as i32);
    image.bits_per_component(8);
    match photo.color {
        ColorSpace::Gray => image.color_space().device_gray(),
        ColorSpace::Rgb => image.color_space().device_rgb(),
        ColorSpace::Cmyk => image.color_space().device_cmyk(),
    }
    if let PhotoData::Jpeg {
        inverted_cmyk: true,
        ..
    } = photo.data
    {
        image.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
    }
    image.interpolate(true);
    if alpha.is_some() {
        image.s_mask(smask_id);
    }
    image.finish();
    if let Some(alpha) = alpha {
        let mut mask = pdf.image_xobject(smask_id, alpha);
        mask.filter(Filter::FlateDecode);
        mask.width(photo.width as i32);
        mask.height(photo.height as i32);
        mask.color_space().device_gray();
        mask.bits_per_component(8);
        mask.interpolate(true);
    }
}

/// A layout box (top-left origin) as a PDF rectangle (bottom-left origin).
fn pdf_rect(b: Box2) -> Rect {
    Rect::new(b.x, PAGE_H - b.y - b.h, b.x + b.w, PAGE_H - b.y)
}

fn fill_box(c: &mut Content, b: Box2, color: Rgb) {
    c.set_fill_rgb(color[0], color[1], color[2]);
    c.rect(b.x, PAGE_H - b.y - b.h, b.w, b.h);
    c.fill_nonzero();
}

fn draw_text(c: &mut Content, placed: &Placed) {
    if placed.block.lines.is_empty() {
        return;
    }
    let font = match placed.block.font {
        text::Font::Regular => FONT_REGULAR,
        text::Font::Bold => FONT_BOLD,
    };
    c.begin_text();
    c.set_font(font, placed.block.size);
    c.set_fill_rgb(placed.color[0], placed.color[1], placed.color[2]);
    for (i, line) in placed.block.lines.iter().enumerate() {
        let x = placed.line_x(line);
        let y = PAGE_H - placed.baseline(i);
        c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
        c.show(Str(line));
    }
    c.end_text();
}

/// The matrix that maps the image's unit square to the display rectangle
/// (`x`, `y` = bottom-left, `w` × `h` points) applying the EXIF orientation.
fn orientation_matrix(orientation: u8, x: f32, y: f32, w: f32, h: f32) -> [f32; 6] {
    match orientation {
        2 => [-w, 0.0, 0.0, h, x + w, y],
        3 => [-w, 0.0, 0.0, -h, x + w, y + h],
        4 => [w, 0.0, 0.0, -h, x, y + h],
        5 => [0.0, -h, -w, 0.0, x + w, y + h],
        6 => [0.0, -h, w, 0.0, x, y + h],
        7 => [0.0, h, w, 0.0, x, y],
        8 => [0.0, h, -w, 0.0, x + w, y],
        _ => [w, 0.0, 0.0, h, x, y],
    }
}

fn draw_page(layout: &layout::BadgeLayout, photo: Option<&Photo<'_>>, qr: &QrMatrix) -> Vec<u8> {
    let mut c = Content::new();

    // Heading band with an accent stripe, and the bottom band.
    fill_box(&mut c, layout.band, NAVY);
    fill_box(&mut c, layout.stripe, UN_BLUE);
    fill_box(&mut c, layout.bottom_band, NAVY);
    draw_text(&mut c, &layout.heading);

    // Photo, centred in its box with its aspect ratio kept, then the frame.
    let pb = layout.photo_box;
    if let Some(photo) = photo {
        let (dw, dh) = photo.display_size();
        let scale = (pb.w / dw as f32).min(pb.h / dh as f32);
        let (w, h) = (dw as f32 * scale, dh as f32 * scale);
        let x = pb.x + (pb.w - w) / 2.0;
        let y = PAGE_H - (pb.y + (pb.h + h) / 2.0);
        c.save_state();
        c.transform(orientation_matrix(photo.orientation, x, y, w, h));
        c.x_object(PHOTO);
        c.restore_state();
    }
    c.set_stroke_rgb(FRAME[0], FRAME[1], FRAME[2]);
    c.set_line_width(0.75);
    c.rect(pb.x, PAGE_H - pb.y - pb.h, pb.w, pb.h);
    c.stroke();

    // Details column.
    if !layout.pass_kind.block.lines.is_empty() {
        fill_box(&mut c, layout.pill, UN_BLUE);
        draw_text(&mut c, &layout.pass_kind);
    }
    draw_text(&mut c, &layout.duty_station);
    draw_text(&mut c, &layout.representative_type);
    draw_text(&mut c, &layout.name);
    draw_text(&mut c, &layout.organisation);

    c.set_stroke_rgb(UN_BLUE[0], UN_BLUE[1], UN_BLUE[2]);
    c.set_line_width(0.8);
    c.move_to(layout::MARGIN, PAGE_H - layout.divider_y);
    c.line_to(PAGE_W - layout::MARGIN, PAGE_H - layout.divider_y);
    c.stroke();

    draw_text(&mut c, &layout.validity_label);
    draw_text(&mut c, &layout.validity);

    // QR code: white quiet zone, then one rectangle per horizontal run of dark modules,
    // all filled as one path (no seams between neighbouring modules).
    let qb = layout.qr_box;
    fill_box(&mut c, qb, WHITE);
    let module = qb.w / (qr.width + 2 * QUIET_ZONE) as f32;
    c.set_fill_gray(0.0);
    for row in 0..qr.width {
        let top = qb.y + (row + QUIET_ZONE) as f32 * module;
        let mut col = 0;
        while col < qr.width {
            if !qr.is_dark(col, row) {
                col += 1;
                continue;
            }
            let start = col;
            while col < qr.width && qr.is_dark(col, row) {
                col += 1;
            }
            c.rect(
                qb.x + (start + QUIET_ZONE) as f32 * module,
                PAGE_H - top - module,
                (col - start) as f32 * module,
                module,
            );
        }
    }
    c.fill_nonzero();
    draw_text(&mut c, &layout.serial);

    c.finish().into_vec()
}

#[cfg(test)]
mod tests;
