"""The Streamlit front end. Streamlit is imported only in this folder."""
