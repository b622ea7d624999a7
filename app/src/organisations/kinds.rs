//! The kinds of organisation and ECOSOC consultative status: stable codes stored in the database.
use serde::{Deserialize, Serialize};

/// Every kind of organisation Passerelle knows (PRODUCT.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    // civil society (UN Partner Portal types)
    NationalNgo,
    InternationalNgo,
    CommunityBasedOrganisation,
    AcademicInstitution,
    RedCrossRedCrescent,
    // extranet groups (CNCD)
    Embassy,
    LocalAuthority,
    NationalElectedOfficialsAssociation,
    InternationalElectedOfficialsAssociation,
    RegionalNetwork,
    MinistryOrPublicOperator,
    Prefecture,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 12] = [
        Self::NationalNgo,
        Self::InternationalNgo,
        Self::CommunityBasedOrganisation,
        Self::AcademicInstitution,
        Self::RedCrossRedCrescent,
        Self::Embassy,
        Self::LocalAuthority,
        Self::NationalElectedOfficialsAssociation,
        Self::InternationalElectedOfficialsAssociation,
        Self::RegionalNetwork,
        Self::MinistryOrPublicOperator,
        Self::Prefecture,
    ];

    /// The stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::NationalNgo => "national_ngo",
            Self::InternationalNgo => "international_ngo",
            Self::CommunityBasedOrganisation => "community_based_organisation",
            Self::AcademicInstitution => "academic_institution",
            Self::RedCrossRedCrescent => "red_cross_red_crescent",
            Self::Embassy => "embassy",
            Self::LocalAuthority => "local_authority",
            Self::NationalElectedOfficialsAssociation => "national_elected_officials_association",
            Self::InternationalElectedOfficialsAssociation => {
                "international_elected_officials_association"
            }
            Self::RegionalNetwork => "regional_network",
            Self::MinistryOrPublicOperator => "ministry_or_public_operator",
            Self::Prefecture => "prefecture",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The seven CNCD extranet groups (seed 002).
    pub fn is_extranet_group(self) -> bool {
        !self.is_civil_society()
    }

    /// The UN Partner Portal types (seed 001).
    pub fn is_civil_society(self) -> bool {
        matches!(
            self,
            Self::NationalNgo
                | Self::InternationalNgo
                | Self::CommunityBasedOrganisation
                | Self::AcademicInstitution
                | Self::RedCrossRedCrescent
        )
    }
}

/// ECOSOC consultative status, which opens the accreditation module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsultativeStatus {
    General,
    Special,
    Roster,
}

impl ConsultativeStatus {
    pub const ALL: [ConsultativeStatus; 3] = [Self::General, Self::Special, Self::Roster];

    pub fn code(self) -> &'static str {
        match self {
            Self::General => "general",
            Self::Special => "special",
            Self::Roster => "roster",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_codes_round_trip_and_split_into_the_two_families() {
        for k in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::from_code(k.code()), Some(k));
        }
        let extranet = OrganisationKind::ALL
            .iter()
            .filter(|k| k.is_extranet_group())
            .count();
        assert_eq!(extranet, 7, "the CNCD extranet has seven groups");
        assert_eq!(OrganisationKind::from_code("club"), None);
    }
}
