// The home page (a server component), with a YouTube video that waits for consent.
import Link from 'next/link';
import { AfterHydration } from './after-hydration';

export default function Home() {
  return (
    <main>
      <h1>ยินดีต้อนรับ</h1>
      <p>
        ตัวอย่างการใช้ yinyom กับ Next.js อ่าน<Link href="/privacy">นโยบายความเป็นส่วนตัว</Link>
      </p>
      {/* A gated embed: data-src instead of src, so nothing loads from YouTube before the
          visitor allows "marketing". Until then yinyom shows a placeholder in the frame's
          place, whose buttons load this one video or allow the category. AfterHydration
          keeps the frame out of the server HTML: see after-hydration.tsx for why. */}
      <AfterHydration>
        <iframe
          data-consent="marketing"
          data-src="https://www.youtube-nocookie.com/embed/M7lc1UVf-VE"
          width="560"
          height="315"
          title="วิดีโอตัวอย่างจาก YouTube"
          allow="encrypted-media; picture-in-picture"
          allowFullScreen
        />
      </AfterHydration>
    </main>
  );
}
