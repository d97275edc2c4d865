import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState } from 'react';
import { describeError, usePane } from './context.js';

export interface Notice {
  intent: 'error' | 'success' | 'info';
  text: string;
}

/** The one message a view shows after an action: a result, or a failure said plainly. */
export function useNotice() {
  const pane = usePane();
  const [notice, setNotice] = useState<Notice | null>(null);
  return {
    notice,
    say: (intent: Notice['intent'], text: string) => setNotice({ intent, text }),
    fail: (error: unknown) => setNotice({ intent: 'error', text: describeError(error, pane) }),
    clear: () => setNotice(null),
  };
}

export function NoticeBar({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent}>
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
  );
}
