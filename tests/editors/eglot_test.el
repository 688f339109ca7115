;;; eglot_test.el --- the eglot snippet of editors/README.md in Emacs, batch mode  -*- lexical-binding: t -*-
;; Run by run_eglot.sh: emacs --batch -q -l eglot_test.el FILE (-q, not -Q: Debian's elpa-eglot lives in site-lisp). Exits non-zero on any failure or timeout.
(require 'eglot)
(require 'python)

;; The snippet, as in editors/README.md.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '((python-mode python-ts-mode) . ("pymm" "serve"))))
(add-hook 'python-mode-hook #'eglot-ensure)
(setq-default eglot-workspace-configuration '(:pymm (:hover (:maxTableRows 12))))

(defun pymm-test-fail (fmt &rest args)
  (princ (concat "FAIL: " (apply #'format fmt args) "\n"))
  (kill-emacs 1))

(defun pymm-test-wait (what predicate seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline) (pymm-test-fail "timed out waiting for %s" what))
      (accept-process-output nil 0.02))))

(let* ((file (car command-line-args-left))
       (started (float-time)))
  (run-at-time 40 nil (lambda () (princ "FAIL: watchdog\n") (kill-emacs 3)))
  (find-file file)
  (unless (derived-mode-p 'python-mode) (pymm-test-fail "%s is not in python-mode" file))
  (run-hooks 'post-command-hook) ; eglot-ensure connects after the next command; batch mode runs none
  (pymm-test-wait "eglot to connect to pymm"
                  (lambda () (let ((s (eglot-current-server))) (and s (jsonrpc-running-p s)))) 15)
  (let ((server (eglot-current-server)))
    (unless (equal (plist-get (eglot--server-info server) :name) "pymm")
      (pymm-test-fail "eglot talks to %S, not pymm" (eglot--server-info server)))
    (goto-char (point-min))
    (search-forward "lst.pop(0)")
    (backward-char 5)
    (let* ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
           (value (plist-get (plist-get hover :contents) :value)))
      ;; Markdown when markdown-mode is installed, else plain text with the row marked.
      (unless (and value (string-match-p "\\*\\*Pop from start\\*\\*\\|\u25b6 Pop from start" value))
        (pymm-test-fail "the hover on lst.pop(0) lacks the marked row: %S" value)))
    (let ((found (jsonrpc-request server :workspace/executeCommand
                                  '(:command "pymm.lookup" :arguments ["deque"]))))
      (unless (and (> (length found) 0) (string-match-p "DEQUE" (plist-get (aref found 0) :title)))
        (pymm-test-fail "pymm.lookup deque: %S" found)))
    (princ (format "PASS: Emacs %s + eglot: pymm hover with the marked row, pymm.lookup deque (%.2f s)\n"
                   emacs-version (- (float-time) started)))
    (kill-emacs 0)))
