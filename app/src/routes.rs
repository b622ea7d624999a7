//! The router's lazily loaded pages: one route type per page, each opening its module's page
//! through the module's lazy entry (`<module>::entry`). The home page and the sign-in page are
//! not here: they are in the first bundle every visitor loads.
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// `Route => module::Page`: a route type whose view is that page of that module's lazy entry.
macro_rules! lazy_pages {
    ($($route:ident => $module:ident :: $entry:ident :: $page:ident;)*) => {$(
        pub struct $route;
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }
            async fn view(_this: Self) -> AnyView {
                crate::$module::entry::$entry(crate::$module::entry::Page::$page).await
            }
            // Without it the page would hydrate before its code is there, against HTML it
            // cannot match.
            async fn preload() {
                crate::$module::entry::preload().await
            }
        }
    )*};
}

lazy_pages! {
    AccreditationHome => accreditation::accreditation_page::Home;
    Directory => accreditation::accreditation_page::Directory;
    Rights => accreditation::accreditation_page::Rights;
    Verify => accreditation::accreditation_page::Verify;
    Station => accreditation::accreditation_page::Station;
    Designation => accreditation::accreditation_page::Designation;
    DesignationQueue => accreditation::accreditation_page::Queue;
    RoomCalendar => accreditation::accreditation_page::Rooms;
    SignUp => accounts::accounts_page::SignUp;
    SignUpCode => accounts::accounts_page::SignUpCode;
    SignUpDetails => accounts::accounts_page::SignUpDetails;
    Forgot => accounts::accounts_page::Forgot;
    ResetPassword => accounts::accounts_page::ResetPassword;
    MyDetails => accounts::accounts_page::MyDetails;
    Organisations => organisations::organisations_page::List;
    Organisation => organisations::organisations_page::One;
    ExtranetRegister => extranet::extranet_page::Register;
    Registrations => extranet::extranet_page::Registrations;
    Staff => staff::staff_page::Staff;
    PartnerProfile => partners::partners_page::Profile;
    PartnerSection => partners::partners_page::Section;
    Agency => partners::partners_page::Agency;
    PartnerSearch => partners::partners_page::Search;
    Psea => partners::partners_page::Psea;
    AskForHelp => partners::partners_page::AskForHelp;
    SupportList => partners::partners_page::SupportList;
    SupportRequest => partners::partners_page::SupportRequest;
    OpenCalls => partners::partners_page::OpenCalls;
    AgencyCalls => partners::partners_page::AgencyCalls;
    Call => partners::partners_page::Call;
    CallForm => partners::partners_page::CallForm;
    ApplicationReview => partners::partners_page::ApplicationReview;
    Outbox => mail::mail_page::Outbox;
}
