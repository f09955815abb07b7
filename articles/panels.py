"""Edit-screen panels of the articles app."""

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import MultipleChooserPanel, Panel


class ChosenRowsFormSet(BaseChildFormSet):
    """A formset whose rows are added by a chooser, so `min_num` is checked but never pre-drawn.

    Django draws `min_num` blank rows on a new form and makes each of them required; with a
    multiple chooser those rows are never touched and block saving (Wagtail issue #12461).
    Here a new form starts with no row, and `validate_min` still refuses too few chosen items.
    """

    def total_form_count(self):
        if self.is_bound:
            return super().total_form_count()
        initial = self.initial_form_count()
        total = initial + self.extra
        return total if self.max_num is None else max(initial, min(total, self.max_num))


class RequiredChooserPanel(MultipleChooserPanel):
    """A MultipleChooserPanel whose `min_num` is a validation rule that names the panel."""

    def get_form_options(self):
        options = super().get_form_options()
        if self.min_num:
            noun = self.label.lower() if self.min_num == 1 else self.heading.lower()
            count = "one" if self.min_num == 1 else str(self.min_num)
            formset = type(
                "ChosenRowsFormSet",
                (ChosenRowsFormSet,),
                {"default_error_messages": {"too_few_forms": f"Choose at least {count} {noun}."}},
            )
            options["formsets"][self.relation_name]["formset"] = formset
        return options


class TemplatePanel(Panel):
    """A read-only panel drawn from a template, given the page being edited and the request.

    The template decides what to show; this lets another app (comments) put its summary on
    the article's edit screen without the articles app importing it.
    """

    def __init__(self, template_name, **kwargs):
        super().__init__(**kwargs)
        self.template_name = template_name

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "template_name": self.template_name}

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template_name

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(page=self.instance, request=self.request)
            return context
