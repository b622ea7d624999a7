//! Page geometry of the badge. All lengths are in PDF points, measured from the top-left
//! corner of the page (y grows downwards); the renderer flips y.

use super::BadgeContent;
use super::text::{FitSpec, Font, TextBlock, fit_text, to_winansi};

/// One millimetre in points.
pub(crate) const MM: f32 = 72.0 / 25.4;
/// A6 portrait.
pub(crate) const PAGE_W: f32 = 105.0 * MM;
pub(crate) const PAGE_H: f32 = 148.0 * MM;
/// Side margin of the content.
pub(crate) const MARGIN: f32 = 7.0 * MM;

/// Cap height and descender of Helvetica, in em (AFM: CapHeight 718, Descender -207).
const CAP: f32 = 0.718;
const DESCENDER: f32 = 0.207;

pub(crate) type Rgb = [f32; 3];
/// Dark UN-blue heading band.
pub(crate) const NAVY: Rgb = [0.02, 0.25, 0.47];
/// UN blue (#009EDB) accents.
pub(crate) const UN_BLUE: Rgb = [0.0, 0.62, 0.86];
pub(crate) const WHITE: Rgb = [1.0, 1.0, 1.0];
pub(crate) const INK: Rgb = [0.09, 0.10, 0.12];
pub(crate) const GREY: Rgb = [0.36, 0.38, 0.42];
pub(crate) const FRAME: Rgb = [0.62, 0.65, 0.70];

/// Axis-aligned box, top-left origin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Box2 {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Box2 {
    fn mm(x: f32, y: f32, w: f32, h: f32) -> Self {
        Box2 {
            x: x * MM,
            y: y * MM,
            w: w * MM,
            h: h * MM,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
}

/// A fitted text block at its place on the page.
#[derive(Clone, Debug)]
pub(crate) struct Placed {
    pub block: TextBlock,
    /// Left edge and width of the text column.
    pub x: f32,
    pub width: f32,
    /// Top of the first line's capitals.
    pub top: f32,
    pub align: Align,
    pub color: Rgb,
}

impl Placed {
    fn new(text: &str, spec: FitSpec, x: f32, top: f32, align: Align, color: Rgb) -> Self {
        Placed {
            block: fit_text(&to_winansi(text), &spec),
            x,
            width: spec.max_width,
            top,
            align,
            color,
        }
    }

    /// Baseline of line `i`, from the top of the page.
    pub(crate) fn baseline(&self, i: usize) -> f32 {
        self.top + CAP * self.block.size + i as f32 * self.block.leading()
    }

    /// Lowest point of the block (descenders of the last line).
    pub(crate) fn bottom(&self) -> f32 {
        match self.block.lines.len() {
            0 => self.top,
            n => self.baseline(n - 1) + DESCENDER * self.block.size,
        }
    }

    /// Left edge of line `line`.
    pub(crate) fn line_x(&self, line: &[u8]) -> f32 {
        match self.align {
            Align::Left => self.x,
            Align::Center => {
                self.x + (self.width - self.block.font.text_width(line, self.block.size)) / 2.0
            }
        }
    }

    /// Height from the top of the capitals to the last baseline.
    fn cap_block_height(&self) -> f32 {
        match self.block.lines.len() {
            0 => 0.0,
            n => CAP * self.block.size + (n - 1) as f32 * self.block.leading(),
        }
    }
}

/// Everything the renderer draws, at its place.
#[derive(Clone, Debug)]
pub(crate) struct BadgeLayout {
    pub band: Box2,
    pub stripe: Box2,
    pub photo_box: Box2,
    pub pill: Box2,
    pub divider_y: f32,
    pub qr_box: Box2,
    pub bottom_band: Box2,
    pub heading: Placed,
    pub pass_kind: Placed,
    pub duty_station: Placed,
    pub representative_type: Placed,
    pub name: Placed,
    pub organisation: Placed,
    pub validity_label: Placed,
    pub validity: Placed,
    pub serial: Placed,
}

impl BadgeLayout {
    #[cfg(test)]
    pub(crate) fn texts(&self) -> [&Placed; 9] {
        [
            &self.heading,
            &self.pass_kind,
            &self.duty_station,
            &self.representative_type,
            &self.name,
            &self.organisation,
            &self.validity_label,
            &self.validity,
            &self.serial,
        ]
    }
}

fn spec(font: Font, max_size: f32, min_size: f32, max_width: f32, max_lines: usize) -> FitSpec {
    FitSpec {
        font,
        max_size,
        min_size,
        max_width,
        max_lines,
    }
}

/// Fits every text of the badge into its region.
pub(crate) fn layout_badge(content: &BadgeContent) -> BadgeLayout {
    use Align::{Center, Left};
    use Font::{Bold, Regular};

    let full_width = PAGE_W - 2.0 * MARGIN;

    // Heading band, text centred in it.
    let band = Box2::mm(0.0, 0.0, 105.0, 22.0);
    let stripe = Box2::mm(0.0, 22.0, 105.0, 1.2);
    let mut heading = Placed::new(
        &content.heading,
        spec(Bold, 13.0, 7.0, full_width, 2),
        MARGIN,
        0.0,
        Center,
        WHITE,
    );
    heading.top = band.y + (band.h - heading.cap_block_height()) / 2.0;

    // Photo on the left, details column on the right.
    let photo_box = Box2::mm(7.0, 28.0, 35.0, 45.0);
    let col_x = 47.0 * MM;
    let col_w = PAGE_W - MARGIN - col_x;
    let pill = Box2 {
        x: col_x,
        y: 28.0 * MM,
        w: col_w,
        h: 8.0 * MM,
    };
    let pad = 2.0 * MM;
    let mut pass_kind = Placed::new(
        &content.pass_kind,
        spec(Bold, 12.0, 7.0, col_w - 2.0 * pad, 1),
        col_x + pad,
        0.0,
        Center,
        WHITE,
    );
    pass_kind.top = pill.y + (pill.h - pass_kind.cap_block_height()) / 2.0;
    let duty_station = Placed::new(
        &content.duty_station,
        spec(Bold, 12.0, 7.0, col_w, 2),
        col_x,
        40.0 * MM,
        Left,
        INK,
    );
    let representative_type = Placed::new(
        &content.representative_type,
        spec(Regular, 9.5, 6.5, col_w, 3),
        col_x,
        duty_station.bottom() + 1.5 * MM,
        Left,
        GREY,
    );

    // Name and organisation across the full width.
    let name = Placed::new(
        &content.person_name,
        spec(Bold, 16.0, 9.0, full_width, 2),
        MARGIN,
        79.0 * MM,
        Left,
        INK,
    );
    let organisation = Placed::new(
        &content.organisation,
        spec(Regular, 11.0, 7.0, full_width, 2),
        MARGIN,
        name.bottom() + 1.5 * MM,
        Left,
        INK,
    );
    let divider_y = 103.5 * MM;

    // Validity bottom left, QR code bottom right with the serial under it.
    let qr_box = Box2::mm(105.0 - 7.0 - 30.0, 106.0, 30.0, 30.0);
    let left_w = qr_box.x - 5.0 * MM - MARGIN;
    let validity_label = Placed::new(
        &content.validity_label,
        spec(Regular, 8.0, 6.0, left_w, 1),
        MARGIN,
        109.0 * MM,
        Left,
        GREY,
    );
    let validity = Placed::new(
        &content.validity,
        spec(Bold, 11.0, 7.0, left_w, 2),
        MARGIN,
        validity_label.bottom() + 1.2 * MM,
        Left,
        INK,
    );
    let serial_text = format!("{} {}", content.serial_label.trim(), content.serial.trim());
    let serial = Placed::new(
        &serial_text,
        spec(Bold, 9.0, 6.0, qr_box.w, 1),
        qr_box.x,
        137.5 * MM,
        Center,
        INK,
    );
    let bottom_band = Box2::mm(0.0, 143.5, 105.0, 4.5);

    BadgeLayout {
        band,
        stripe,
        photo_box,
        pill,
        divider_y,
        qr_box,
        bottom_band,
        heading,
        pass_kind,
        duty_station,
        representative_type,
        name,
        organisation,
        validity_label,
        validity,
        serial,
    }
}
