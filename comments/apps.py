from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    label = "ogp_comments"
    verbose_name = "Comments"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.cache import private_cookie, purge_all

        from . import following, moderation, policy

        moderation.register()
        # A commenter's own held comments make their copy of an article theirs alone.
        private_cookie(policy.OWN_COOKIE, policy.is_genuine_own_cookie)
        # A moderation decision changes what readers see, so cached pages must go.
        comment_model = self.get_model("ArticleComment")

        def purge_if_public_view_changed(sender, instance, update_fields=None, **kwargs):
            # A held comment changes no public page; a public one, or a status change, does.
            if instance.is_public or {"status", "is_public", "is_removed"} & set(
                update_fields or ()
            ):
                purge_all()

        post_save.connect(purge_if_public_view_changed, sender=comment_model, weak=False)
        post_delete.connect(purge_all, sender=comment_model)
        post_save.connect(
            following.notify_after_commit,
            sender=comment_model,
            weak=False,
            dispatch_uid="ogp_comments.following",
        )
        # Rules such as the reply depth change what every comment section shows.
        post_save.connect(purge_all, sender=self.get_model("CommentSettings"))
