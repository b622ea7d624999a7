//! Upload rules (issue #4): what may be uploaded, how big, recognised by content (never by the
//! name or the type the browser declares), and how a stored file is named when served.

/// Photos: JPEG or PNG, up to 5 MB.
pub const MAX_PHOTO_BYTES: u64 = 5 * 1024 * 1024;
/// Documents: PDF, up to 20 MB.
pub const MAX_DOCUMENT_BYTES: u64 = 20 * 1024 * 1024;
/// The largest upload request accepted (the two files of the documents form, with margin).
pub const MAX_UPLOAD_REQUEST_BYTES: u64 = MAX_PHOTO_BYTES + MAX_DOCUMENT_BYTES + 1024 * 1024;
pub const PHOTO_TYPES: &str = "image/jpeg,image/png";
pub const DOCUMENT_TYPES: &str = "application/pdf";

/// The two families of files Passerelle keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Photo,
    Document,
}

impl FileKind {
    pub fn max_bytes(self) -> u64 {
        match self {
            Self::Photo => MAX_PHOTO_BYTES,
            Self::Document => MAX_DOCUMENT_BYTES,
        }
    }

    /// The MIME types the file picker offers.
    pub fn accept(self) -> &'static str {
        match self {
            Self::Photo => PHOTO_TYPES,
            Self::Document => DOCUMENT_TYPES,
        }
    }

    fn of_accept(accept: &str) -> Self {
        if accept == PHOTO_TYPES {
            Self::Photo
        } else {
            Self::Document
        }
    }
}

/// The error code of a file over its kind's size (the browser names the kind by `accept`).
pub fn too_large_code(accept: &str) -> &'static str {
    match FileKind::of_accept(accept) {
        FileKind::Photo => "photo_too_large",
        FileKind::Document => "document_too_large",
    }
}

/// The error code of a file that is not of its kind's types.
pub fn wrong_type_code(accept: &str) -> &'static str {
    match FileKind::of_accept(accept) {
        FileKind::Photo => "photo_wrong_type",
        FileKind::Document => "document_wrong_type",
    }
}

/// A file type recognised by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentType {
    Jpeg,
    Png,
    Pdf,
}

impl ContentType {
    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Pdf => "application/pdf",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Pdf => "pdf",
        }
    }

    pub fn from_mime(mime: &str) -> Option<Self> {
        [Self::Jpeg, Self::Png, Self::Pdf]
            .into_iter()
            .find(|c| c.mime() == mime)
    }

    fn kind(self) -> FileKind {
        match self {
            Self::Jpeg | Self::Png => FileKind::Photo,
            Self::Pdf => FileKind::Document,
        }
    }
}

/// How many first bytes `sniff` needs.
pub const SNIFF_BYTES: usize = 16;

/// The type of a file by its first bytes: JPEG (`FF D8 FF`), PNG (its 8-byte signature then
/// the `IHDR` chunk), PDF (`%PDF-`).
pub fn sniff(head: &[u8]) -> Option<ContentType> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ContentType::Jpeg)
    } else if head.starts_with(PNG) && head.get(12..16) == Some(b"IHDR") {
        Some(ContentType::Png)
    } else if head.starts_with(b"%PDF-") {
        Some(ContentType::Pdf)
    } else {
        None
    }
}

/// A whole file checked against its kind: not empty, not too large, of an accepted type by
/// content. The error is the field's error code.
pub fn check_file(kind: FileKind, head: &[u8], size: u64) -> Result<ContentType, &'static str> {
    if size == 0 {
        return Err("file_empty");
    }
    if size > kind.max_bytes() {
        return Err(too_large_code(kind.accept()));
    }
    match sniff(head) {
        Some(t) if t.kind() == kind => Ok(t),
        _ => Err(wrong_type_code(kind.accept())),
    }
}

/// What a file is for: the code stored (and the name of the form's file field) and the kind of
/// file it must be. Each module declares its own (`organisations::files::LOGO`,
/// `accreditation::designations::photo::PHOTO`) and registers who reads them (`uploads::registry`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Purpose {
    code: &'static str,
    kind: FileKind,
}

impl Purpose {
    pub const fn new(code: &'static str, kind: FileKind) -> Self {
        Self { code, kind }
    }

    pub fn code(self) -> &'static str {
        self.code
    }

    pub fn kind(self) -> FileKind {
        self.kind
    }
}

/// A file name safe in a `Content-Disposition` header: ASCII letters, digits, `.`, `-`, `_`
/// (others become `_`), at most 80 characters, with the extension of its real type.
pub fn safe_file_name(original: &str, content: ContentType) -> String {
    let name = original.rsplit(['/', '\\']).next().unwrap_or("");
    let base = name.rsplit_once('.').map(|(b, _)| b).unwrap_or(name);
    let mut clean: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(70)
        .collect();
    if clean.trim_matches('_').is_empty() {
        clean = "file".into();
    }
    format!("{clean}.{}", content.extension())
}

/// How the file is served: images inline (shown on the page), documents as downloads.
pub fn disposition(content: ContentType, name: &str) -> String {
    let how = match content.kind() {
        FileKind::Photo => "inline",
        FileKind::Document => "attachment",
    };
    format!("{how}; filename=\"{name}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    const JPEG: &[u8] = &[
        0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1,
    ];
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR";

    #[test]
    fn types_are_recognised_by_content() {
        assert_eq!(sniff(JPEG), Some(ContentType::Jpeg));
        assert_eq!(sniff(PNG), Some(ContentType::Png));
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3"), Some(ContentType::Pdf));
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b"<html><script>"), None);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\x0dXXXX"), None);
        assert_eq!(sniff(&[]), None);
    }

    #[test]
    fn photos_are_jpeg_or_png_up_to_5_mb() {
        assert_eq!(
            check_file(FileKind::Photo, JPEG, 100),
            Ok(ContentType::Jpeg)
        );
        assert_eq!(
            check_file(FileKind::Photo, PNG, MAX_PHOTO_BYTES),
            Ok(ContentType::Png)
        );
        assert_eq!(
            check_file(FileKind::Photo, PNG, MAX_PHOTO_BYTES + 1),
            Err("photo_too_large")
        );
        // A PDF (or anything else) named photo.jpg is not a photo.
        assert_eq!(
            check_file(FileKind::Photo, b"%PDF-1.4", 100),
            Err("photo_wrong_type")
        );
        assert_eq!(
            check_file(FileKind::Photo, b"hello", 5),
            Err("photo_wrong_type")
        );
        assert_eq!(check_file(FileKind::Photo, JPEG, 0), Err("file_empty"));
    }

    #[test]
    fn documents_are_pdf_up_to_20_mb() {
        assert_eq!(
            check_file(FileKind::Document, b"%PDF-1.4", 10),
            Ok(ContentType::Pdf)
        );
        assert_eq!(
            check_file(FileKind::Document, b"%PDF-1.4", MAX_DOCUMENT_BYTES + 1),
            Err("document_too_large")
        );
        assert_eq!(
            check_file(FileKind::Document, JPEG, 10),
            Err("document_wrong_type")
        );
    }

    #[test]
    fn browser_codes_follow_the_picker() {
        assert_eq!(too_large_code(PHOTO_TYPES), "photo_too_large");
        assert_eq!(too_large_code(DOCUMENT_TYPES), "document_too_large");
        assert_eq!(wrong_type_code(PHOTO_TYPES), "photo_wrong_type");
        assert_eq!(wrong_type_code(DOCUMENT_TYPES), "document_wrong_type");
    }

    #[test]
    fn served_names_are_safe_and_typed_by_content() {
        assert_eq!(safe_file_name("logo.png", ContentType::Png), "logo.png");
        assert_eq!(
            safe_file_name("évil\"; x=.jpg", ContentType::Png),
            "_vil___x_.png"
        );
        assert_eq!(
            safe_file_name("C:\\docs\\statuts 2024.pdf", ContentType::Pdf),
            "statuts_2024.pdf"
        );
        assert_eq!(
            safe_file_name("../../etc/passwd", ContentType::Pdf),
            "passwd.pdf"
        );
        assert_eq!(safe_file_name("", ContentType::Jpeg), "file.jpg");
        assert_eq!(
            safe_file_name(&"a".repeat(500), ContentType::Jpeg).len(),
            74
        );
        assert_eq!(
            disposition(ContentType::Pdf, "a.pdf"),
            "attachment; filename=\"a.pdf\""
        );
        assert_eq!(
            disposition(ContentType::Png, "a.png"),
            "inline; filename=\"a.png\""
        );
    }

    #[test]
    fn purposes_have_their_kind() {
        let logo = Purpose::new("logo", FileKind::Photo);
        assert_eq!((logo.code(), logo.kind()), ("logo", FileKind::Photo));
    }
}
