//! Why a bundle, key or certificate was refused. Each error has a stable code (the hostile
//! corpus in tests/ asserts them) and a Swedish message that says what is wrong and what
//! to do.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SyncError {
    #[error("Filen är inte ett Portfölj-paket eller är skadad ({0}). Be avsändaren exportera paketet på nytt.")]
    Corrupt(String),
    #[error(
        "Paketet är för stort ({0}). Ett paket får vara högst {max} MB; be avsändaren dela upp exporten.",
        max = crate::limits::MAX_FILE_BYTES / 1_000_000
    )]
    TooLarge(String),
    #[error(
        "Paketet innehåller en otillåten sökväg ({0}). Det kan vara manipulerat; importera det inte och kontakta avsändaren."
    )]
    UnsafePath(String),
    #[error(
        "Paketet packas upp till orimligt mycket data och har stoppats. Det kan vara manipulerat; kontakta avsändaren."
    )]
    DecompressionBomb,
    #[error("Paketets innehåll är inte giltig JSON: {0}. Be avsändaren exportera paketet på nytt.")]
    Json(String),
    #[error("Paketet är gjort med en nyare version av Portfölj (format {0}). Uppdatera Portfölj och importera igen.")]
    NewerFormat(String),
    #[error("Paketets format \"{0}\" är okänt. Kontrollera att filen kommer från Portfölj.")]
    UnknownFormat(String),
    #[error(
        "Paketets signatur stämmer inte: innehållet har ändrats efter att det signerades. Importera det inte; be avsändaren skicka det igen."
    )]
    BadSignature,
    #[error(
        "Avsändarens intyg är inte utfärdat av projektkontorets nyckel som den här datorn litar på. Importera inte paketet; kontakta projektkontoret."
    )]
    UnknownSigner,
    #[error("Avsändarens intyg gällde till {0} och har gått ut. Be projektkontoret förnya intyget och exportera igen.")]
    CertificateExpired(String),
    #[error("Avsändarens intyg gäller först från {0}. Kontrollera datorns klocka eller vänta tills intyget gäller.")]
    CertificateNotYetValid(String),
    #[error("Avsändarens intyg (nummer {0}) är återkallat av projektkontoret. Paketet kan inte tas emot.")]
    CertificateRevoked(u64),
    #[error("Paketet är adresserat till {0}, inte till den här datorn. Skicka det till rätt mottagare.")]
    WrongRecipient(String),
    #[error(
        "Paketet (nummer {got} från {sender}) är redan mottaget eller äldre än det senaste (nummer {last}). Ett paket importeras bara en gång."
    )]
    Replayed { sender: String, got: u64, last: u64 },
    #[error(
        "Paketet hänger inte ihop med det förra från {0}: ett paket saknas eller har ändrats. Importera de tidigare paketen först."
    )]
    BrokenChain(String),
    #[error("Paketet innehåller något som avsändaren inte har rätt till: {0}. Hela paketet avvisas.")]
    NotAllowed(String),
    #[error("Nyckeln kunde inte läsas: {0}. Kontrollera lösenfrasen eller skapa en ny identitet.")]
    Key(String),
}

impl SyncError {
    /// The stable code shown with the message and asserted by the hostile corpus.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Corrupt(_) => "bundle_corrupt",
            Self::TooLarge(_) => "bundle_too_large",
            Self::UnsafePath(_) => "bundle_unsafe_path",
            Self::DecompressionBomb => "bundle_decompression_bomb",
            Self::Json(_) => "bundle_json",
            Self::NewerFormat(_) => "bundle_newer_format",
            Self::UnknownFormat(_) => "bundle_unknown_format",
            Self::BadSignature => "bundle_bad_signature",
            Self::UnknownSigner => "bundle_unknown_signer",
            Self::CertificateExpired(_) => "certificate_expired",
            Self::CertificateNotYetValid(_) => "certificate_not_yet_valid",
            Self::CertificateRevoked(_) => "certificate_revoked",
            Self::WrongRecipient(_) => "bundle_wrong_recipient",
            Self::Replayed { .. } => "bundle_replayed",
            Self::BrokenChain(_) => "bundle_broken_chain",
            Self::NotAllowed(_) => "bundle_not_allowed",
            Self::Key(_) => "key_unreadable",
        }
    }
}
