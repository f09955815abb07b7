// After a failed comment post the page opens at the error summary (the form's action ends in
// #comment-errors). Browsers scroll there but leave focus at the top; move it to the summary
// so keyboard and screen-reader users start where the problems are listed.
(function () {
    "use strict";
    for (const id of ["comment-errors", "follow-errors"]) {
        const summary = document.getElementById(id);
        if (summary) {
            summary.focus();
            return;
        }
    }
})();
