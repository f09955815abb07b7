"""Behaviour shared by page types and previewable snippets."""

from csp.decorators import csp_replace


class FramedPreviewMixin:
    """Let the admin show a preview of this page in its own frame.

    Public pages forbid every frame (CSP frame-ancestors 'none'); a preview is drawn through
    the same middleware, so it says which frame may hold it: the admin's, on this site.
    """

    def serve_preview(self, request, mode_name):
        return csp_replace({"frame-ancestors": ["'self'"]})(super().serve_preview)(
            request, mode_name
        )
