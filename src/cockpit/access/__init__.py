"""Who may see and do what: users and roles (app store), the data scope of a user, the
audit log. No Streamlit here: the UI's login lives in cockpit.ui."""
