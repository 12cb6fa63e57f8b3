"""Snippet views that refuse to delete content that other content still shows."""

from django.utils.functional import cached_property
from wagtail.snippets.views.snippets import DeleteView

from ..references import protected_child_relations, referencing_objects


class ReferenceProtectedDeleteView(DeleteView):
    """Wagtail only warns before deleting a snippet that pages use; a published page
    would then lose the content. Here any reference protects the snippet, and the
    confirmation page names what refers to it. Deleting is refused by the
    ``before_delete_snippet`` hook (wagtail_hooks.py), which runs before this view deletes
    and also covers the listing's bulk delete."""

    template_name = "wagtail_employer/admin/confirm_delete_protected.html"

    @cached_property
    def referencing_objects(self):
        return referencing_objects(self.object, protected_child_relations(self.model))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.referencing_objects:
            context["is_protected"] = True
            context["referencing_objects"] = self.referencing_objects
        return context
