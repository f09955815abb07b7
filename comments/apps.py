from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    label = "ogp_comments"
    verbose_name = "Comments"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.cache import private_cookie

        from . import following, moderation, policy, purging

        moderation.register()
        # A commenter's own held comments make their copy of an article theirs alone.
        private_cookie(policy.OWN_COOKIE, lambda request: bool(policy.own_ids(request)))
        # A moderation decision changes what readers of that one article see.
        comment_model = self.get_model("ArticleComment")
        post_save.connect(purging.purge_if_public_view_changed, sender=comment_model)
        post_delete.connect(purging.purge_if_was_public, sender=comment_model)
        post_save.connect(
            following.notify_after_commit,
            sender=comment_model,
            weak=False,
            dispatch_uid="ogp_comments.following",
        )
        # Rules such as the reply depth change what every comment section shows.
        post_save.connect(purging.purge_rules_change, sender=self.get_model("CommentSettings"))
