-- Audit action codes carry their module (issue #12): "designation_submitted" becomes
-- "accreditation.designation_submitted", so that two modules never share a code.
UPDATE audit_events SET action = 'accounts.' || action WHERE action IN ('signed_up', 'details_updated', 'username_changed', 'email_changed', 'password_changed', 'password_reset', 'newsletter_subscribed', 'newsletter_unsubscribed', 'created_as_platform_admin', 'password_reset_by_command');
UPDATE audit_events SET action = 'organisations.' || action WHERE action IN ('member_attached_at_sign_up', 'created', 'country_office_added', 'profile_updated', 'member_added', 'member_removed', 'member_left', 'member_role_changed', 'join_requested', 'join_request_decided', 'consultative_status_set');
UPDATE audit_events SET action = 'uploads.' || action WHERE action IN ('file_uploaded');
UPDATE audit_events SET action = 'extranet.' || action WHERE action IN ('registered', 'decided', 'created_at_registration');
UPDATE audit_events SET action = 'mail.' || action WHERE action IN ('mail_retried');
UPDATE audit_events SET action = 'staff.' || action WHERE action IN ('staff_role_granted', 'staff_role_removed');
UPDATE audit_events SET action = 'accreditation.' || action WHERE action IN ('designation_created', 'designation_edited', 'designation_submitted', 'designation_approved', 'designation_rejected', 'designation_withdrawn', 'designation_revoked', 'designation_expired', 'designation_renewed', 'badge_printed', 'badge_reprinted', 'room_added', 'room_booked', 'room_booking_cancelled');
