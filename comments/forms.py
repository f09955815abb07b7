"""The public comment form and the moderators' small forms."""

from django import forms

from django_comments_xtd.forms import XtdCommentForm


class ArticleCommentForm(XtdCommentForm):
    """django-comments-xtd's form with our labels, autocomplete hints and messages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["name"].label = "Name"
        fields["name"].widget = forms.TextInput(attrs={"autocomplete": "name", "maxlength": 50})
        fields["name"].error_messages["required"] = "Enter your name."
        fields["email"].label = "Email"
        fields["email"].help_text = "Your email address will not be published."
        fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        fields["email"].error_messages.update(
            required="Enter your email address.",
            invalid="Enter an email address like name@example.org.",
        )
        fields["url"].label = "Website"
        fields["url"].widget = forms.URLInput(attrs={"autocomplete": "url"})
        fields["url"].error_messages["invalid"] = "Enter a web address starting with https://."
        comment = fields["comment"]
        comment.label = "Comment"
        comment.widget = forms.Textarea(attrs={"rows": 8, "maxlength": comment.max_length})
        comment.error_messages.update(
            required="Write your comment.",
            max_length="Your comment is %(show_value)d characters long; the limit is "
            "%(limit_value)d. Please shorten it.",
        )
        fields["followup"].label = "Email me when someone replies to my comment"
        fields["followup"].widget = forms.CheckboxInput()
        fields["honeypot"].label = "Leave this field empty"
        fields["honeypot"].widget = forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
        for name in ("name", "email", "comment"):
            fields[name].widget.attrs["required"] = True
        self._describe()

    def _describe(self):
        """Point each input at its help and error text, and flag the invalid ones."""
        for name, field in self.fields.items():
            if field.widget.is_hidden:
                continue
            auto_id = self[name].auto_id
            described = []
            if field.help_text:
                described.append(f"{auto_id}-help")
            if self._errors and name in self._errors:
                described.append(f"{auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)
            else:
                field.widget.attrs.pop("aria-describedby", None)

    def add_error(self, field, error):
        super().add_error(field, error)
        self._describe()

    def clean_comment(self):
        text = super().clean_comment()
        if not text.strip():
            raise forms.ValidationError("Write your comment.", code="required")
        return text

    def refreshed(self):
        """A copy of this form with what the visitor typed and fresh security data."""
        data = self.data.copy()
        data.update(self.generate_security_data())
        data.pop("honeypot", None)
        return type(self)(self.target_object, data=data)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        required=False, max_length=500, help_text="Optional; kept in the history."
    )


class StaffReplyForm(forms.Form):
    comment = forms.CharField(
        label="Reply as staff",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text="Published at once with a “Staff” badge.",
    )


class PrivacyForm(forms.Form):
    email = forms.EmailField(label="Commenter's email address")
