//! The kinds of organisation and ECOSOC consultative status: stable codes stored in the database.
use crate::code_enum;

code_enum! {
    /// Every kind of organisation Passerelle knows (PRODUCT.md §1).
    OrganisationKind {
        // civil society (UN Partner Portal types)
        NationalNgo = "national_ngo",
        InternationalNgo = "international_ngo",
        CommunityBasedOrganisation = "community_based_organisation",
        AcademicInstitution = "academic_institution",
        RedCrossRedCrescent = "red_cross_red_crescent",
        // extranet groups (CNCD)
        Embassy = "embassy",
        LocalAuthority = "local_authority",
        NationalElectedOfficialsAssociation = "national_elected_officials_association",
        InternationalElectedOfficialsAssociation = "international_elected_officials_association",
        RegionalNetwork = "regional_network",
        MinistryOrPublicOperator = "ministry_or_public_operator",
        Prefecture = "prefecture",
    }
}

impl OrganisationKind {
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

code_enum! {
    /// ECOSOC consultative status, which opens the accreditation module.
    ConsultativeStatus {
        General = "general",
        Special = "special",
        Roster = "roster",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_codes_round_trip_and_split_into_the_two_families() {
        for &k in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(k.as_str()), Some(k));
        }
        let extranet = OrganisationKind::ALL
            .iter()
            .filter(|k| k.is_extranet_group())
            .count();
        assert_eq!(extranet, 7, "the CNCD extranet has seven groups");
        assert_eq!(OrganisationKind::parse("club"), None);
    }
}
